/// The decoded fields of an HTML form: each field's name and value in the order sent, and the
/// files of a multipart form.
///
/// Read a URL-encoded body with ``parse(urlEncoded:limits:)`` and a multipart one with
/// ``parse(multipart:contentType:limits:)``. A name may be sent more than once (checkboxes,
/// multiple selects): the subscript gives the first value, ``values(_:)`` all of them.
public struct FormFields: Sendable {
    /// The fields that are not files, in the order sent.
    public var fields: [(name: String, value: String)]
    /// The files, in the order sent.
    public var files: [FormFile]

    /// A form with these fields and files.
    public init(fields: [(name: String, value: String)] = [], files: [FormFile] = []) {
        self.fields = fields
        self.files = files
    }

    /// The first value sent for `name`, or nil when none was.
    public subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value sent for `name`, in order; empty when none was.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// The first file sent for the field `name`, or nil when none was.
    public func file(_ name: String) -> FormFile? {
        files.first { $0.name == name }
    }
}
