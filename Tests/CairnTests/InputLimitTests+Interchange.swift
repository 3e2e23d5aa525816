import Cairn
import CairnTestSupport
import Foundation

/// Probes for the limits of the CTDL and Badgr pathway readers.
extension InputLimitTests {
    static let ctdlSample = #"{"@graph": [{"@type": "ceterms:Pathway", "ceterms:name": "P", "ceterms:hasDestinationComponent": ["urn:d"]}, {"@id": "urn:d", "@type": "ceterms:CredentialComponent", "ceterms:name": "D"}]}"#
    static let badgrSample = #"{"rootElement": "urn:r", "elements": [{"@id": "urn:r", "name": "R", "requirements": {"@type": "BadgeJunction", "junctionConfig": {"@type": "Conjunction"}, "badges": ["urn:b"]}}]}"#

    static func ctdl(_ text: String) -> String? {
        message { _ = try CTDLPathwayReader.read(json: Array(text.utf8), file: "probe.json", catalog: Catalog()) }
    }

    static let interchangeProbes: [String: Probe] = [
        "ctdl-bytes": Probe(sizes: fileSizes(ctdlSample)) { folder, n in
            let path = try file(folder, "probe.json", size: n, content: ctdlSample)
            return message { _ = try CTDLPathwayReader.read(path: path, catalog: Catalog()) }
        },
        "ctdl-depth": Probe(sizes: countSizes(minimum: 2)) { _, n in
            // The destination, n - 2 conditions nested in one another, and the component the innermost names.
            var condition = #"{"@type": "ceterms:ComponentCondition", "ceterms:targetComponent": ["urn:leaf"]}"#
            for _ in 0..<max(0, n - 3) {
                condition = #"{"@type": "ceterms:ComponentCondition", "ceterms:hasCondition": [\#(condition)]}"#
            }
            return ctdl(#"{"@graph": [{"@type": "ceterms:Pathway", "ceterms:name": "P", "ceterms:hasDestinationComponent": ["urn:d"]}, "#
                        + #"{"@id": "urn:d", "@type": "ceterms:BasicComponent", "ceterms:name": "D", "ceterms:hasCondition": [\#(condition)]}, "#
                        + #"{"@id": "urn:leaf", "@type": "ceterms:CredentialComponent", "ceterms:name": "L"}]}"#)
        },
        "ctdl-nodes": Probe(sizes: countSizes(minimum: 2, samples: 2)) { _, n in
            // The destination, and one component named n - 1 times by its condition.
            let targets = Array(repeating: #""urn:leaf""#, count: n - 1).joined(separator: ",")
            return ctdl(#"{"@graph": [{"@type": "ceterms:Pathway", "ceterms:name": "P", "ceterms:hasDestinationComponent": ["urn:d"]}, "#
                        + #"{"@id": "urn:d", "@type": "ceterms:BasicComponent", "ceterms:name": "D", "ceterms:hasCondition": "#
                        + #"[{"@type": "ceterms:ComponentCondition", "ceterms:targetComponent": [\#(targets)]}]}, "#
                        + #"{"@id": "urn:leaf", "@type": "ceterms:CredentialComponent", "ceterms:name": "L"}]}"#)
        },
        "badgr-bytes": Probe(sizes: fileSizes(badgrSample)) { folder, n in
            let path = try file(folder, "probe.json", size: n, content: badgrSample)
            return message { _ = try BadgrPathwayReader.read(path: path, catalog: Catalog()) }
        },
        "badgr-depth": Probe(sizes: countSizes(minimum: 1)) { _, n in
            // n elements, each requiring the next; the last requires a badge.
            let elements = (0..<n).map { index in
                index == n - 1
                    ? #"{"@id": "urn:e\#(index)", "requirements": {"@type": "BadgeJunction", "junctionConfig": {"@type": "Conjunction"}, "badges": ["urn:b"]}}"#
                    : #"{"@id": "urn:e\#(index)", "requirements": {"@type": "ElementJunction", "junctionConfig": {"@type": "Conjunction"}, "elements": ["urn:e\#(index + 1)"]}}"#
            }
            let text = #"{"rootElement": "urn:e0", "elements": ["# + elements.joined(separator: ",") + "]}"
            return message { _ = try BadgrPathwayReader.read(json: Array(text.utf8), file: "probe.json", catalog: Catalog()) }
        },
        "interchange-json-depth": Probe(sizes: countSizes()) { _, n in
            ctdl(String(repeating: "[", count: n) + String(repeating: "]", count: n))
        },
    ]
}
