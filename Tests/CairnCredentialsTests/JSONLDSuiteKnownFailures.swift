/// The W3C JSON-LD suite tests that Cairn's processor does not pass, each with why.
///
/// ``JSONLDSuiteTests`` fails when a test listed here passes and when a test not listed fails,
/// so this list is always exactly the set of failing tests.
enum JSONLDSuiteKnownFailures {
    enum Reason: Sendable {
        case processingMode10
        case generalizedRDF

        var explanation: String {
            switch self {
            case .processingMode10:
                "processingMode json-ld-1.0: Cairn is a JSON-LD 1.1 processor only and has no 1.0 mode that refuses "
                    + "1.1 features; credentials are JSON-LD 1.1"
            case .generalizedRDF:
                "produceGeneralizedRdf: a blank node as predicate is not RDF 1.1, and RDFC-1.0 and Data Integrity "
                    + "proofs never use generalized RDF"
            }
        }
    }

    /// Test key (`expand#t0001`, `toRdf#te075`) by reason.
    static let byReason: [(reason: Reason, tests: [String])] = [
        (.processingMode10, [
            "expand#tc029", "expand#tep02", "expand#ter21", "expand#ter42", "expand#tes01", "expand#tpi01", "expand#ttn01",
            "toRdf#tc029", "toRdf#tep02", "toRdf#ter21", "toRdf#ter42", "toRdf#tpi01", "toRdf#ttn01",
        ]),
        (.generalizedRDF, ["toRdf#te075"]),
    ]

    /// Test key → reason.
    static let reasons: [String: Reason] = Dictionary(
        byReason.flatMap { group in group.tests.map { ($0, group.reason) } }, uniquingKeysWith: { first, _ in first })
}
