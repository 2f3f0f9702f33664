import HeardDomain
import Testing

@Suite("How FFT answers were collected")
struct FFTCollectionModeTests {
    @Test("suppliers' and NHS England's words for a mode read as Heard's channels; anything else is refused")
    func readsModes() {
        for (words, channel) in [
            ("SMS", FeedbackChannel.sms), ("SMS/Text", .sms), ("text message", .sms),
            ("Electronic tablet/kiosk", .kiosk),
            ("Tablet", .kiosk), ("kiosk", .kiosk), ("Online", .online), ("QR code", .online),
            ("Paper/postcard", .paper),
            ("Postcard", .paper), ("Telephone", .phone), ("IVR", .phone), ("face to face", .event), ("E-mail", .email),
            ("letter", .letter),
        ] {
            #expect(FeedbackChannel(collectedAs: words) == channel, "\(words)")
            #expect(FeedbackImportRules.checkChannel(words) == .success(channel), "\(words)")
        }
        // "Other" and nothing say no more than the import does: the row keeps "Imported file".
        for nothing in ["", "  ", "Other", "OTHER", nil] {
            #expect(FeedbackImportRules.checkChannel(nothing) == .success(nil), "\(nothing ?? "nil")")
        }
        // How it reached Heard is not how the person answered.
        for refused in ["import", "api", "Carrier pigeon", "7"] {
            guard case .failure(let refusal) = FeedbackImportRules.checkChannel(refused) else {
                Issue.record("\(refused) was accepted")
                continue
            }
            #expect(
                refusal.description.hasPrefix("'\(refused)' is not a way of collecting answers Heard knows: use sms"))
        }
    }

    @Test("every channel counts under one of the return's six modes")
    func modes() {
        #expect(
            Dictionary(grouping: FeedbackChannel.allCases, by: \.fftMode).mapValues(Set.init) == [
                .sms: [.sms], .tabletOrKiosk: [.kiosk], .online: [.online], .telephone: [.phone], .paper: [.paper],
                .other: [.event, .email, .letter, .imported, .api],
            ])
        // Each channel a file may name reads back as itself, by its value and by its title.
        for channel in FeedbackChannel.collectedChoices {
            #expect(FeedbackChannel(collectedAs: channel.rawValue) == channel)
        }
        #expect(FeedbackChannel(collectedAs: FeedbackChannel.sms.title) == .sms)
        #expect(FeedbackChannel(collectedAs: FeedbackChannel.kiosk.title) == .kiosk)
    }

    @Test("an import row's channel column is checked with the row, by line and field")
    func importRow() {
        let row = FeedbackImportRules.check(
            line: 7, text: "", rating: "Very good", consent: nil, date: "2026-11-03", good: nil, better: nil,
            channel: "Carrier pigeon")
        guard case .failure(let errors) = row else {
            Issue.record("accepted")
            return
        }
        #expect(errors.errors.map(\.description).first?.hasPrefix("line 7, channel: 'Carrier pigeon' is not") == true)
        let sms = FeedbackImportRules.check(
            line: 8, text: "", rating: "Good", consent: nil, date: "2026-11-03", good: nil, better: nil, channel: "SMS")
        guard case .success(let accepted) = sms else {
            Issue.record("refused")
            return
        }
        #expect(accepted.channel == .sms && accepted.submission.fftRating == .good)
    }
}
