/** User search and the session layers of one user (the model is `core/layers/types.ts`). */

export type {
  AppNode,
  DeviceInfo,
  IdpKind,
  IdpNode,
  LayerLink,
  RefreshTokenNode,
  SessionNode,
  UserHit,
  UserLayers,
} from '../../core/layers/types'
