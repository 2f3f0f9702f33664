/// A complaint needs a way to send the written response (regulation 14), so feedback escalated into a
/// complaint must say how to reach the person: the details they gave, or ones a member of staff adds.
public enum ComplaintContact {
    public static let missing =
        "A complaint needs a way to reply: this feedback has no contact details. Record it as feedback, or add how to reach them."

    /// Whether any of the details given is a way to reach the person. Heard keeps no postal address, so a
    /// name (to go with an address in what they wrote) counts, as do an e-mail address and a phone number.
    public static func isReachable(name: String?, email: String?, phone: String?) -> Bool {
        [name, email, phone].contains { !($0 ?? "").trimmingWhitespace().isEmpty }
    }

    /// Problems with contact details typed by staff while escalating; `needed` when the feedback has none.
    public static func problems(name: String, email: String, phone: String, needed: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        let email = EmailAddress.normalised(email)
        if !email.isEmpty, !EmailAddress.isPlausible(email) || email.count > 254 {
            errors.append(
                FieldError("contact_email", "Enter an e-mail address in the correct format, like name@example.com."))
        }
        let digits = phone.filter(\.isNumber)
        if !phone.trimmingWhitespace().isEmpty, digits.count < 10 || digits.count > 13 {
            errors.append(FieldError("contact_phone", "Enter a UK phone number, like 01632 960 001 or 07700 900 982."))
        }
        if name.trimmingWhitespace().count > 200 {
            errors.append(FieldError("contact_name", "Enter a name of 200 characters or fewer."))
        }
        if needed, !isReachable(name: name, email: email, phone: phone) {
            errors.append(FieldError("contact_name", missing))
        }
        return errors
    }
}
