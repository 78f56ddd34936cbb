import type { components } from '../../api/schema';

export type WebhookEndpoint = components['schemas']['WebhookEndpointView'];
export type WebhookEndpointWithSecret = components['schemas']['WebhookEndpointWithSecretView'];
export type WebhookDelivery = components['schemas']['WebhookDeliveryView'];
export type ApiKey = components['schemas']['ApiKeyView'];
export type ApiKeyWithSecret = components['schemas']['ApiKeyWithSecretView'];
export type WebhookEventType = WebhookEndpoint['eventTypes'][number];
export type ApiKeyScope = ApiKey['scopes'][number];

/** The state a person sees for an endpoint, from the fields the API gives. */
export function endpointStatus(e: WebhookEndpoint): 'active' | 'paused' | 'failing' | 'disabled' {
  if (!e.enabled) return e.disabledReason ? 'disabled' : 'paused';
  return e.failingSince ? 'failing' : 'active';
}
