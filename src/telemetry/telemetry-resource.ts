import { defaultResource, detectResources, envDetector, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { azureAppServiceDetector, azureContainerAppsDetector } from '@opentelemetry/resource-detector-azure';

/**
 * What every span and metric is filed under: `service.name` becomes Application Insights' cloud role
 * (Application Map, `cloud_RoleName`). The distro replaces its own detected resource with one it is given instead
 * of merging them, so this repeats the detection it would have done (SDK attributes, OTEL_RESOURCE_ATTRIBUTES,
 * the Azure host: Container Apps replica and revision, App Service) and puts the configured name on top.
 */
export function telemetryResource(serviceName: string): Resource {
  const detected = detectResources({ detectors: [envDetector, azureContainerAppsDetector, azureAppServiceDetector] });
  return defaultResource().merge(detected).merge(resourceFromAttributes({ 'service.name': serviceName }));
}
