// Event Grid subscription on a whole subscription holding galleries: gallery writes and deletes go to the bot's webhook
// (POST /api/events) as they happen, authenticated with Entra ID when an audience is given, else with
// EVENT_GRID_SECRET in the URL. An extension resource on the scope itself, so no system topic is created (Azure
// allows one per source, which the organisation may already have). What is sent: infra/gallery-events.json.
targetScope = 'subscription'

param name string
@secure()
param endpointUrl string
@description('Entra ID delivery: the app (id or app id URI) Event Grid gets its tokens for; empty: the URL\'s secret only.')
param entraAudience string = ''
param entraTenantId string = ''

var events = loadJsonContent('../gallery-events.json')
var entra = empty(entraAudience) ? {} : { azureActiveDirectoryTenantId: entraTenantId, azureActiveDirectoryApplicationIdOrUri: entraAudience }

resource galleryEvents 'Microsoft.EventGrid/eventSubscriptions@2022-06-15' = {
  name: name
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: union({ endpointUrl: endpointUrl, maxEventsPerBatch: events.maxEventsPerBatch, preferredBatchSizeInKilobytes: events.preferredBatchSizeInKilobytes }, entra)
    }
    filter: {
      includedEventTypes: events.includedEventTypes
      advancedFilters: map(events.advancedFilters, f => { operatorType: f.operatorType, key: f.key, values: f.values })
    }
  }
}
