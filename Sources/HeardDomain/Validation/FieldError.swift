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
}
