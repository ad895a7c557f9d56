import { describe, expect, it } from 'vitest'
import { configFromManagementApi } from '../../../../core/config/model'

// A pull stores the modelled session and logout fields and a connection's non-secret options;
// secrets Auth0 returns beside them — `client_secret` (with read:client_keys), connection
// secrets, private signing keys — never reach the snapshot on disk, the renderer or an export.

describe('a pulled configuration holds no secrets', () => {
  it('drops client secrets, connection secrets and signing keys', () => {
    const config = configFromManagementApi(
      {
        settings: { allowed_logout_urls: ['https://a.example.com/'], session_lifetime: 72 },
        clients: [
          {
            client_id: 'c1',
            name: 'Portal',
            client_secret: 'CANARY-client-secret',
            signing_keys: [{ cert: 'CANARY-cert', pkcs7: 'CANARY-pkcs7' }],
            allowed_logout_urls: ['https://portal.example.com/bye'],
          },
        ],
        connections: [
          {
            id: 'con_1',
            name: 'acme-saml',
            strategy: 'samlp',
            options: {
              signOutEndpoint: 'https://idp.example.com/slo',
              // The IdP's certificate is public: kept, so an export can hold the options whole.
              signingCert: 'MIIC-public-idp-certificate',
              signingKey: { key: 'CANARY-private-key', cert: 'MIIC-own-cert' },
              client_secret: 'CANARY-connection-secret',
            },
          },
        ],
      },
      { kind: 'tenant', tenantId: 't', domain: 't.example.com', pulledAt: '2026-01-01T00:00:00Z' },
    )
    expect(JSON.stringify(config)).not.toContain('CANARY')
    expect(config.resources['clients/Portal']?.fields['allowed_logout_urls']).toEqual([
      'https://portal.example.com/bye',
    ])
    const saml = config.resources['connections/acme-saml']
    expect(saml?.fields['options.signOutEndpoint']).toBe('https://idp.example.com/slo')
    expect(saml?.options?.['signingCert']).toBe('MIIC-public-idp-certificate')
    // What was held back is named, so an export can say why it leaves these options out.
    expect(saml?.heldBack).toEqual(['client_secret', 'signingKey'])
  })
})
