/// E-mail address rules shared by sign-in, accounts and contact details.
public enum EmailAddress {
    /// Lower-cased and trimmed, so that sign-in is not case-sensitive.
    public static func normalised(_ raw: String) -> String {
        raw.trimmingWhitespace().lowercased()
    }

    /// A deliberately simple check: one "@", something before it, a dot in the domain, no spaces.
    public static func isPlausible(_ raw: String) -> Bool {
        let email = normalised(raw)
        guard email.count <= 254, !email.contains(where: \.isWhitespace) else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let domain = parts[1]
        guard let dot = domain.lastIndex(of: "."), dot != domain.startIndex,
            domain.index(after: dot) != domain.endIndex
        else { return false }
        return true
    }
}

extension String {
    /// Trims spaces, tabs and newlines at both ends without Foundation, and the invisible characters
    /// (zero-width space, joiners, word joiner, byte-order mark) that would make an empty answer look filled.
    public func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isBlank }) else { return "" }
        let last = lastIndex(where: { !$0.isBlank })!
        return String(self[first...last])
    }
}

extension Character {
    /// Whitespace, or made only of characters that show nothing.
    var isBlank: Bool {
        isWhitespace || unicodeScalars.allSatisfy { [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF].contains($0.value) }
    }
}
