public import CairnCore
import CairnSyntax
import Foundation

extension OpenBadgesAlignment {
    /// The framework skill this alignment names, recognising ESCO skill URIs and SFIA codes.
    ///
    /// - ESCO: a `targetUrl` (or `targetCode`) under `data.europa.eu/esco/skill/`, or a
    ///   `targetFramework` naming ESCO with a skill URI or UUID as `targetCode`.
    /// - SFIA: a `targetFramework` naming SFIA, or a `targetUrl` on `sfia-online.org`; the code
    ///   is `targetCode` (`PROG`, or `PROG4` for level 4) or the URL's last part.
    /// - Anything else keeps `targetFramework` (else the URL's host) as the framework and
    ///   `targetCode` (else `targetUrl`) as the code, so a catalogue or pathway can still name it.
    ///
    /// `nil` when the alignment names no code, URL or framework at all.
    public var skillReference: SkillReference? {
        let framework = targetFramework?.lowercased() ?? ""
        let candidates = [targetURL, targetCode].compactMap { $0 }
        if let esco = candidates.first(where: { $0.contains("data.europa.eu/esco/skill/") }) {
            return SkillReference(framework: "esco", code: esco)
        }
        if framework.contains("esco"), let code = targetCode ?? targetURL {
            return SkillReference(framework: "esco", code: code)
        }
        let sfiaURL = targetURL.flatMap { $0.lowercased().contains("sfia-online.org") ? $0 : nil }
        if framework.contains("sfia") || sfiaURL != nil {
            let raw = targetCode ?? sfiaURL.flatMap { $0.split(separator: "/").last.map(String.init) } ?? ""
            let letters = raw.prefix { $0.isLetter }
            let digits = raw.dropFirst(letters.count)
            guard letters.count == 4 else { return nil }
            let level = digits.isEmpty ? nil : Int(digits)
            guard digits.isEmpty || (level.map { (1...7).contains($0) } ?? false) else { return nil }
            return SkillReference(framework: "sfia", code: String(letters), level: level)
        }
        guard let code = targetCode ?? targetURL else { return nil }
        let host = targetURL.flatMap { url -> String? in
            guard let start = url.range(of: "://")?.upperBound else { return nil }
            return url[start...].split(separator: "/").first.map(String.init)
        }
        guard let name = targetFramework ?? host else { return nil }
        return SkillReference(framework: name, code: code)
    }
}
