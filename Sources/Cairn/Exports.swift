// The `Cairn` library product: the model and engine, the file formats, the store, and the
// Workspace facade.
@_exported import CairnCore
@_exported import CairnFormats
@_exported import CairnStore
