extension String {
    /// Trimmed, with every run of spaces, tabs or line breaks inside made one space: "farah  begum" and
    /// "farah begum" are the same name.
    public func collapsingWhitespace() -> String {
        split(whereSeparator: \.isBlank).joined(separator: " ")
    }
}
