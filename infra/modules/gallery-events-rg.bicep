// Event Grid subscription on one resource group holding galleries: gallery writes and deletes go to the bot's
// webhook (POST /api/events?code=<EVENT_GRID_SECRET>) as they happen. An extension resource on the scope itself,
// so no system topic is created (Azure allows one per source, which the organisation may already have).
targetScope = 'resourceGroup'

param name string
@secure()
param endpointUrl string

resource events 'Microsoft.EventGrid/eventSubscriptions@2022-06-15' = {
  name: name
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: { endpointUrl: endpointUrl, maxEventsPerBatch: 10, preferredBatchSizeInKilobytes: 64 }
    }
    filter: {
      includedEventTypes: ['Microsoft.Resources.ResourceWriteSuccess', 'Microsoft.Resources.ResourceDeleteSuccess']
      // Only gallery resources (string filters are case-insensitive); the bot ignores anything else anyway.
      advancedFilters: [{ operatorType: 'StringContains', key: 'subject', values: ['/providers/Microsoft.Compute/galleries/'] }]
    }
  }
}
