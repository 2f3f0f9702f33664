/// A problem with one field of a form or API body, in words a person can act on.
public struct FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field's name as it appears in the form or JSON body.
    public var field: String
    public var message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Every problem found in one submission, so the person can fix them all at once.
public struct ValidationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var errors: [FieldError]

    public init(_ errors: [FieldError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "; ") }

    public func message(for field: String) -> String? { errors.first { $0.field == field }?.message }

    /// The errors in the order their fields appear on the form (`fields`), so the summary reads top to bottom
    /// like the page; fields not named keep their order, after the rest.
    public func ordered(by fields: [String]) -> ValidationFailure {
        let position = Dictionary(fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = errors.enumerated().sorted {
            (position[$0.element.field] ?? fields.count, $0.offset) < (
                position[$1.element.field] ?? fields.count, $1.offset
            )
        }
        return ValidationFailure(sorted.map(\.element))
    }
}
