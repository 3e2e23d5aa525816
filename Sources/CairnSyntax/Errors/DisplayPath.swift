package import Foundation

/// How files are named in messages: relative to the current folder when inside it, so an
/// error reads `Pathways/x.yaml:3:5: …` rather than a long absolute path.
package enum DisplayPath {
    package static func of(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = FileManager.default.currentDirectoryPath
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
