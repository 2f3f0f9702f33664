/// What a password must be. Length matters more than symbols (NCSC password guidance).
public enum PasswordPolicy {
    public static let minimumLength = 12
    /// bcrypt reads only the first 72 bytes: a longer password would be cut short without anyone knowing,
    /// so that anything sharing its first 72 bytes would also sign in.
    public static let maximumBytes = 72

    /// A sentence saying what is wrong with the password, or nil when it is acceptable.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength {
            return "Enter a password of at least \(minimumLength) characters. Three random words work well."
        }
        if password.utf8.count > maximumBytes {
            return
                "Enter a password of at most \(maximumBytes) characters (fewer if it has accented letters or symbols, which count as two or more)."
        }
        if password.trimmingWhitespace().isEmpty {
            return "Enter a password that is not only spaces."
        }
        return nil
    }
}
