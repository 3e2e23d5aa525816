// The `Cairn` library product: the model and engine, the file formats, the store, and the
// Workspace facade.
@_exported import CairnCore
@_exported import CairnCredentials
@_exported import CairnDefinitions
@_exported import CairnFrameworks
@_exported import CairnRDF
@_exported import CairnReports
@_exported import CairnSyntax
@_exported import CairnStore
