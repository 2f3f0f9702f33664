/// What a password must be. Length matters more than symbols (NCSC password guidance).
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 128

    /// A sentence saying what is wrong with the password, or nil when it is acceptable.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength {
            return "Enter a password of at least \(minimumLength) characters. Three random words work well."
        }
        if password.count > maximumLength {
            return "Enter a password of at most \(maximumLength) characters."
        }
        if password.trimmingWhitespace().isEmpty {
            return "Enter a password that is not only spaces."
        }
        return nil
    }
}
