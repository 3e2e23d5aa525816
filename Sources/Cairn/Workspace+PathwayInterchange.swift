import CairnCore
public import CairnDefinitions
import CairnSyntax
public import Foundation

/// The formats `cairn pathways import` and `export` speak besides Cairn's own.
public enum PathwayInterchangeFormat: String, CaseIterable, Sendable {
    /// Credential Engine's CTDL, as published in the Credential Registry (JSON-LD); read and written.
    case ctdl
    /// Badgr's pathway export (read only: Badgr removed pathways in 2020).
    case badgr
}

extension Workspace {
    /// Reads a pathway from another system's file, matching its badges and components to this
    /// workspace's badge classes (by id or `achievementIds`).
    ///
    /// - Parameter useExtensions: For CTDL, read the `cairn:` extension terms Cairn writes (a
    ///   document from elsewhere has none); false reads the CTDL terms alone.
    public func importPathway(at url: URL, format: PathwayInterchangeFormat,
                              useExtensions: Bool = true) throws(WorkspaceError) -> PathwayImport {
        let display = DefinitionFiles.displayPath(url)
        guard FileManager.default.fileExists(atPath: url.path) else { throw .fileNotFound(display) }
        do {
            switch format {
            case .ctdl:
                return try CTDLPathwayReader.read(path: url.path, display: display, catalog: catalog, useExtensions: useExtensions)
            case .badgr:
                return try BadgrPathwayReader.read(path: url.path, display: display, catalog: catalog)
            }
        } catch {
            throw .invalidInput(error.errors.map { ValidationIssue($0.message, at: $0.location) })
        }
    }

    /// One of this workspace's pathways as a CTDL JSON-LD document, with what CTDL could not say.
    public func exportPathway(_ id: String) throws(WorkspaceError) -> CTDLPathwayWriter.Output {
        guard let pathway = catalog.pathways[id] else {
            throw .unknownID(kind: "pathway", id: id, known: catalog.sortedPathways.map(\.id))
        }
        return CTDLPathwayWriter(catalog: catalog).write(pathway)
    }
}

extension PathwayImport {
    /// The files an import writes into `folder`: the pathway as `<id>.yaml` and, when some
    /// components were not badges of the workspace yet, their catalogue as `badges.yaml`. Each
    /// starts with a comment naming the file it came from.
    public func files(in folder: URL, from source: String, format: PathwayInterchangeFormat) -> [(url: URL, text: String)] {
        let header = "Imported by `cairn pathways import --format \(format.rawValue)` from \(source)."
        var files = [(folder.appendingPathComponent("\(pathway.id).yaml"),
                      PathwayYAML.text(pathway, header: header))]
        if let catalog = newCatalog {
            files.append((folder.appendingPathComponent("badges.yaml"),
                          BadgeCatalogYAML.text(catalog, header: header + "\nBadge classes for the components that were not badges of the workspace.")))
        }
        return files
    }
}
