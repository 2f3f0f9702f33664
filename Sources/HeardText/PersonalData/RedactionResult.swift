/// Where one piece of personal data was found.
public struct PersonalDataSpan: Sendable, Codable, Hashable {
    public var kind: PersonalDataKind
    /// UTF-8 byte offsets into the original text (half-open).
    public var utf8Range: Range<Int>

    public init(kind: PersonalDataKind, utf8Range: Range<Int>) {
        self.kind = kind
        self.utf8Range = utf8Range
    }
}

/// A redacted copy of a text, and what was removed from it.
public struct RedactionResult: Sendable, Codable, Hashable {
    /// The text with every piece of personal data replaced by a typed placeholder such as "[email]".
    public var text: String
    /// The kinds found, without repeats, in a fixed order.
    public var kinds: [PersonalDataKind]
    /// Every match, in order of position.
    public var spans: [PersonalDataSpan]

    public init(text: String, kinds: [PersonalDataKind], spans: [PersonalDataSpan]) {
        self.text = text
        self.kinds = kinds
        self.spans = spans
    }
}
