/// Which contact details, in text staff publish, read as a private person's rather than the organisation's.
///
/// A consultation pack or outcome may give the organisation's own phone number and e-mail address ("for a paper
/// copy, ring …"), but the same field must not carry a respondent's: staff pasting what someone wrote is the
/// likeliest leak. Organisations publish landlines and work addresses; people give mobiles and personal
/// e-mail. So a mobile number, or an address at a personal e-mail provider, is refused even where contact
/// details may stay.
public enum PersonalContactDetails {
    /// A UK mobile number: 07…, +44 7… or 0044 7… (spaces, hyphens and brackets ignored).
    public static func isMobileNumber(_ number: String) -> Bool {
        var digits = Substring(number.filter(\.isNumber))
        if number.trimmingWhitespace().hasPrefix("+44") || digits.hasPrefix("0044") {
            digits = digits.dropFirst(digits.hasPrefix("0044") ? 4 : 2)
            if digits.hasPrefix("0") { digits = digits.dropFirst() }  // "+44 (0)7…"
            return digits.hasPrefix("7")
        }
        return digits.hasPrefix("07")
    }

    /// An address at a personal e-mail provider (Gmail, Hotmail, Outlook.com, Yahoo, iCloud, AOL, BT, Sky,
    /// Virgin Media, TalkTalk, Proton and the like).
    public static func isPersonalEmail(_ address: String) -> Bool {
        guard let at = address.lastIndex(of: "@") else { return false }
        let domain = address[address.index(after: at)...].lowercased()
        return personalDomains.contains(domain)
            || personalDomainPrefixes.contains { domain.hasPrefix($0 + ".") }
    }

    private static let personalDomains: Set<String> = [
        "gmail.com", "googlemail.com", "outlook.com", "icloud.com", "me.com", "mac.com", "aol.com", "aol.co.uk",
        "btinternet.com", "btopenworld.com", "sky.com", "virginmedia.com", "blueyonder.co.uk", "ntlworld.com",
        "talktalk.net", "tiscali.co.uk", "protonmail.com", "proton.me", "pm.me", "gmx.com", "gmx.co.uk",
        "mail.com", "zoho.com", "fastmail.com", "plus.com", "orange.net", "wanadoo.co.uk",
    ]
    /// Providers with an address per country: hotmail.co.uk, yahoo.com, live.co.uk, msn.com.
    private static let personalDomainPrefixes = ["hotmail", "yahoo", "ymail", "live", "msn", "rocketmail"]
}
