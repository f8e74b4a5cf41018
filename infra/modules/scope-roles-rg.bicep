// Role assignments for GalleryOps' identity on one resource group (a gallery or workload scope).
targetScope = 'resourceGroup'

param principalId string
@description('Role definition GUIDs (built-in or custom) to assign.')
param roleGuids array

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleGuid in roleGuids: {
  name: guid(resourceGroup().id, principalId, roleGuid)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleGuid)
  }
}]
