import Vapor

/// The ways besides e-mail to reach whoever runs the site (`HEARD_CONTACT_PHONE`, `HEARD_CONTACT_ADDRESS`), said the
/// same way on every page that gives them: a complaint can be made by phone or letter, and not everyone has e-mail.
enum ContactWays {
    /// "Or call us on 0113 496 0000." and "Or write to us at …", as paragraphs; nothing when neither is set.
    static func paragraphs(_ contact: SiteContact) -> HTMLNode {
        .fragment(items(contact).map { node in p { node } })
    }

    /// The same as list items, for a list of ways to get in touch.
    static func listItems(_ contact: SiteContact) -> HTMLNode {
        .fragment(items(contact).map { node in li { node } })
    }

    private static func items(_ contact: SiteContact) -> [HTMLNode] {
        var items: [HTMLNode] = []
        if let phone = contact.phone, let link = contact.phoneLink {
            items.append(.fragment([.text("Or call us on "), a(.href(link)) { phone }, .text(".")]))
        }
        if !contact.postalAddress.isEmpty {
            items.append(.text("Or write to us at " + address(contact) + "."))
        }
        return items
    }

    /// The postal address on one line: "Complaints team, Pennine Vale ICB, 1 Park Row, Leeds LS1 5AB".
    static func address(_ contact: SiteContact) -> String {
        contact.postalAddress.joined(separator: ", ")
    }

    /// The same ways in plain text, for e-mails: "" when neither is set, else a sentence starting with a space.
    static func sentence(_ contact: SiteContact) -> String {
        var ways: [String] = []
        if let phone = contact.phone { ways.append("call \(phone)") }
        if !contact.postalAddress.isEmpty { ways.append("write to \(address(contact))") }
        return ways.isEmpty ? "" : " You can also " + ways.joined(separator: ", or ") + "."
    }
}
