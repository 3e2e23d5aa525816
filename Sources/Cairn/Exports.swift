// The `Cairn` library product: the model and engine, the file formats, and the Workspace facade.
@_exported import CairnCore
@_exported import CairnFormats
