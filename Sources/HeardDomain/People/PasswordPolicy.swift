/// What a password must be. Length matters more than symbols, and the passwords guessed first are refused
/// (NCSC password guidance).
public enum PasswordPolicy {
    public static let minimumLength = 12
    /// bcrypt reads only the first 72 bytes: a longer password would be cut short without anyone knowing,
    /// so that anything sharing its first 72 bytes would also sign in.
    public static let maximumBytes = 72

    /// What the new-password boxes say before anything is typed.
    public static let hint =
        "At least \(minimumLength) characters and not a common password. Three random words work well."

    /// A sentence saying what is wrong with `password` for the account signing in as `email`, or nil when it is
    /// acceptable.
    public static func problem(with password: String, forAccount email: String) -> String? {
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
        // The demo's own accounts keep the passwords printed for them (they hold only made-up data).
        if GuessablePatterns.isDemoAccount(email) && GuessablePatterns.isPublishedDemoPassword(password) {
            return nil
        }
        if GuessablePatterns.isRepeatOrRun(password) {
            return
                "Enter a password that is harder to guess: not one character or a short part repeated, and not a run like abcdef, qwerty or 123456. Three random words work well."
        }
        if CommonPasswords.contains(password) {
            return
                "Enter a password that is harder to guess: this one is among the most common passwords, even with numbers or symbols added. Three random words work well."
        }
        if GuessablePatterns.isMostlyNames(password, email: email) {
            return
                "Enter a password that is harder to guess: it is mostly your e-mail address, a role's name or the word \"\(GuessablePatterns.product)\". Three random words work well."
        }
        if GuessablePatterns.isPublishedDemoPassword(password) {
            return
                "Enter a password of your own: this one is a demo account's, published with Heard. Three random words work well."
        }
        return nil
    }

    /// Changing a password to itself leaves the old one, perhaps known to someone else, in use.
    public static let sameAsCurrent = "Choose a password you have not used here: this is your current password."
}
