// The GalleryOps container app: HTTPS-only ingress, probes on /healthz and /readyz, HTTP scaling, the
// settings of infra/app-settings.json, the evidence key from Key Vault and the policy file as a mounted secret.
param name string
param location string
param tags object
param environmentId string
param identityId string
param registryServer string
param imageName string
param minReplicas int
param maxReplicas int
param signingKeysSecretUri string
param eventGridSecretUri string
param policyBase64 string
@secure()
@description('The Application Insights resource\'s connection string: telemetry on (APPLICATIONINSIGHTS_CONNECTION_STRING).')
param appInsightsConnectionString string
@description('The values app-settings.json\'s "fromDeployment" entries name.')
param deploymentValues object

var settings = loadJsonContent('../app-settings.json')
// The first provision has no bot image yet (azd pushes it after provisioning): the app then runs Microsoft's
// placeholder on its port 80, without the bot's probes, and azure.yaml's postdeploy hook provisions again
// with the pushed image (SERVICE_BOT_IMAGE_NAME), which brings the bot's port and probes.
var placeholder = empty(imageName)
var image = placeholder ? 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest' : imageName
var port = placeholder ? 80 : int(settings.values.PORT)
var probes = [
  // Container Apps allows at most 10 failures: 3 s + 10 × 3 s for the start (config, store check, listen).
  { type: 'Startup', httpGet: { path: '/healthz', port: port }, initialDelaySeconds: 3, periodSeconds: 3, failureThreshold: 10 }
  { type: 'Liveness', httpGet: { path: '/healthz', port: port }, periodSeconds: 10, failureThreshold: 3 }
  // Ready once the gallery names are loaded: a replica joins the load balancer only when it can answer.
  { type: 'Readiness', httpGet: { path: '/readyz', port: port }, periodSeconds: 5, failureThreshold: 3 }
]
var policySecret = empty(policyBase64) ? [] : [{ name: 'policy-json', value: base64ToString(policyBase64) }]
var env = concat(
  map(items(settings.values), s => { name: s.key, value: s.value }),
  map(items(settings.fromDeployment), s => { name: s.key, value: deploymentValues[s.value] }),
  map(items(settings.secrets), s => { name: s.key, secretRef: s.value }),
  // Telemetry: a secret holding the Application Insights resource's own connection string (not a Key Vault
  // reference like app-settings.json's secrets: the deployment reads it from the resource it creates).
  [{ name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', secretRef: 'appinsights-connection-string' }]
)

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'bot' })
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identityId}': {} } }
  properties: {
    managedEnvironmentId: environmentId
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: { external: true, targetPort: port, transport: 'http', allowInsecure: false }
      registries: [{ server: registryServer, identity: identityId }]
      // Versionless Key Vault reference: rotated keys reach new revisions and restarted replicas.
      secrets: concat([
        { name: 'evidence-signing-keys', keyVaultUrl: signingKeysSecretUri, identity: identityId }
        { name: 'event-grid-secret', keyVaultUrl: eventGridSecretUri, identity: identityId }
        { name: 'appinsights-connection-string', value: appInsightsConnectionString }
      ], policySecret)
    }
    template: {
      containers: [
        {
          name: 'bot'
          image: image
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: env
          probes: placeholder ? [] : probes
          volumeMounts: empty(policyBase64) ? [] : [{ volumeName: 'policy', mountPath: '/mnt/policy' }]
        }
      ]
      volumes: empty(policyBase64) ? [] : [{ name: 'policy', storageType: 'Secret', secrets: [{ secretRef: 'policy-json', path: 'policy.json' }] }]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [{ name: 'http', http: { metadata: { concurrentRequests: '50' } } }]
      }
    }
  }
}

output fqdn string = app.properties.configuration.ingress.fqdn
output placeholder bool = placeholder
