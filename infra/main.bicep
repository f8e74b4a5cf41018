// GalleryOps in Azure: `azd up` (azure.yaml) or
//   az deployment sub create -l <region> -f infra/main.bicep -p environmentName=<name> galleryScopes=<scopes> …
// Subscription scope: it creates the resource group, and assigns roles on gallery and workload scopes that may
// live in other resource groups or subscriptions. See docs/operations.md.
targetScope = 'subscription'

@minLength(1)
@maxLength(24)
@description('Names the resource group and resources (azd: the environment name).')
param environmentName string

@description('Region of the resources (the Azure Bot itself is global).')
param location string

@description('GALLERY_SCOPES: comma-separated /subscriptions/<id> or /subscriptions/<id>/resourceGroups/<rg> holding the galleries.')
param galleryScopes string

@description('Comma-separated scopes whose scale sets and VMs `usage` should see (Reader only). May be empty.')
param workloadScopes string = ''

@description('The approval policy file (JSON), base64-encoded (base64 -w0 policy.json). Empty: every change is refused, reads work.')
param policyBase64 string = ''

@description('Container image (registry/repository:tag). Empty on the first provision: a placeholder until azd deploy pushes the bot image.')
param imageName string = ''

@minValue(1)
param minReplicas int = 1

@minValue(1)
@maxValue(30)
param maxReplicas int = 3

@secure()
@minLength(32)
@description('EVIDENCE_SIGNING_KEYS: one key (openssl rand -base64 48), or <new>,<old> during a rotation; stored in Key Vault. The azd preprovision hook makes the first one.')
param evidenceSigningKeys string

@secure()
@minLength(32)
@description('EVENT_GRID_SECRET (openssl rand -hex 32): the webhook URL\'s ?code=, stored in Key Vault. The azd preprovision hook makes one once.')
param eventGridSecret string

@description('EVENT_GRID_AUDIENCE: Event Grid delivers with Entra ID tokens for this app (its app id URI and/or app id, comma-separated; the first is the one Event Grid asks for). The app needs the AzureEventGridSecureWebhookSubscriber role set up first: docs/operations.md. Empty: the webhook URL carries EVENT_GRID_SECRET.')
param eventGridAudience string = ''

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams) or S1.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

var tags = { 'azd-env-name': environmentName, application: 'galleryops' }
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var galleryScopeList = filter(map(split(galleryScopes, ','), s => trim(s)), s => !empty(s))
var workloadScopeList = filter(map(split(workloadScopes, ','), s => trim(s)), s => !empty(s))
// union() also removes a scope named in both lists.
var readerScopes = union(galleryScopeList, workloadScopeList)
var role = loadJsonContent('gallery-operator-role.json')
var readerRoleId = 'acdd72a7-3385-48ef-bd4b-c2d9eaf2ae2f'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'modules/resources.bicep' = {
  name: 'galleryops-resources'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    galleryScopes: join(galleryScopeList, ',')
    policyBase64: policyBase64
    imageName: imageName
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    evidenceSigningKeys: evidenceSigningKeys
    eventGridSecret: eventGridSecret
    eventGridAudience: eventGridAudience
    botSku: botSku
  }
}

// Exactly the gallery operations the bot performs (gallery-operator-role.json), assignable on the gallery scopes.
resource galleryOperatorRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, environmentName, 'galleryops-gallery-operator')
  properties: {
    roleName: '${role.roleName} (${environmentName})'
    description: role.description
    type: 'CustomRole'
    permissions: [{ actions: role.actions, notActions: [] }]
    assignableScopes: galleryScopeList
  }
}

// Reader on every gallery and workload scope (Resource Graph answers only what the identity may read); the
// gallery operator role on the gallery scopes. A scope is a subscription or one resource group in it.
module subscriptionRoles 'modules/scope-roles-subscription.bicep' = [for scope in filter(readerScopes, s => length(split(s, '/')) < 5): {
  name: 'roles-${uniqueString(scope)}'
  scope: subscription(split(scope, '/')[2])
  params: {
    principalId: resources.outputs.identityPrincipalId
    roleGuids: contains(galleryScopeList, scope) ? [readerRoleId, galleryOperatorRole.name] : [readerRoleId]
  }
}]

module resourceGroupRoles 'modules/scope-roles-rg.bicep' = [for scope in filter(readerScopes, s => length(split(s, '/')) >= 5): {
  name: 'roles-${uniqueString(scope)}'
  scope: resourceGroup(split(scope, '/')[2], split(scope, '/')[4])
  params: {
    principalId: resources.outputs.identityPrincipalId
    roleGuids: contains(galleryScopeList, scope) ? [readerRoleId, galleryOperatorRole.name] : [readerRoleId]
  }
}]

// Event Grid tells the bot at once when a gallery resource is written or deleted (POST /api/events). Creating
// a subscription sends a validation event the bot must answer, so they exist only once the bot's image runs
// (not with the first provision's placeholder). One event subscription per gallery scope, on the scope itself.
// With Entra ID delivery the URL carries no secret: Event Grid sends a token for the app in EVENT_GRID_AUDIENCE.
var events = loadJsonContent('gallery-events.json')
var entraAudience = empty(eventGridAudience) ? '' : trim(split(eventGridAudience, ',')[0])
var webhook = 'https://${resources.outputs.appFqdn}${events.path}${empty(entraAudience) ? '?code=${eventGridSecret}' : ''}'
var eventParams = { name: 'galleryops-${environmentName}', endpointUrl: webhook, entraAudience: entraAudience, entraTenantId: tenant().tenantId }
module subscriptionEvents 'modules/gallery-events-subscription.bicep' = [for scope in filter(galleryScopeList, s => length(split(s, '/')) < 5): if (!empty(imageName)) {
  name: 'events-${uniqueString(scope)}'
  scope: subscription(split(scope, '/')[2])
  params: eventParams
}]

module resourceGroupEvents 'modules/gallery-events-rg.bicep' = [for scope in filter(galleryScopeList, s => length(split(s, '/')) >= 5): if (!empty(imageName)) {
  name: 'events-${uniqueString(scope)}'
  scope: resourceGroup(split(scope, '/')[2], split(scope, '/')[4])
  params: eventParams
}]

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = resources.outputs.registryLoginServer
output BOT_ENDPOINT string = 'https://${resources.outputs.appFqdn}/api/messages'
// What `npm run package` reads (azd exports outputs as environment variables to its hooks).
output MicrosoftAppId string = resources.outputs.identityClientId
output GALLERYOPS_PUBLIC_HOSTNAME string = resources.outputs.appFqdn
// true after the first provision: azure.yaml's postdeploy hook then provisions again with the pushed image.
output GALLERYOPS_PLACEHOLDER_IMAGE bool = resources.outputs.placeholderImage
output APPLICATIONINSIGHTS_CONNECTION_STRING string = resources.outputs.appInsightsConnectionString
