import Testing

@testable import HeardDomain

@Suite("Feedback rules")
struct FeedbackRuleTests {
    @Test("FFT answers are read from words, numbers and export spellings")
    func fftParsing() {
        #expect(FFTRating(text: "Very good") == .veryGood)
        #expect(FFTRating(text: " very_poor ") == .veryPoor)
        #expect(FFTRating(text: "3") == .neitherGoodNorPoor)
        #expect(FFTRating(text: "Don’t know") == .dontKnow)
        #expect(FFTRating(text: "dont know") == .dontKnow)
        #expect(FFTRating(text: "7") == nil)
        #expect(FFTRating(text: "Extremely likely") == nil)
    }

    @Test("moderation: approve publishes only with consent, and never with personal data left")
    func moderation() {
        let approve = ModerationDecision.approve(publishedText: "Staff were kind.")
        #expect(
            approve.outcome(currentStatus: .awaitingModeration, consentToPublish: true, personalDataInPublishedText: [])
                == .success(.published))
        #expect(
            approve.outcome(
                currentStatus: .awaitingModeration, consentToPublish: false, personalDataInPublishedText: [])
                == .success(.approvedPrivate))
        #expect(
            approve.outcome(
                currentStatus: .awaitingModeration, consentToPublish: true,
                personalDataInPublishedText: ["phone number"]) == .failure(.personalDataLeft(["phone number"])))
        #expect(
            ModerationDecision.approve(publishedText: "  ").outcome(
                currentStatus: .awaitingModeration, consentToPublish: true, personalDataInPublishedText: [])
                == .failure(.emptyPublishedText))
        #expect(
            ModerationDecision.reject(reason: "").outcome(
                currentStatus: .awaitingModeration, consentToPublish: true, personalDataInPublishedText: [])
                == .failure(.reasonNeeded))
        #expect(
            ModerationDecision.escalate(reason: "Describes harm").outcome(
                currentStatus: .awaitingModeration, consentToPublish: true, personalDataInPublishedText: [])
                == .success(.escalated))
        #expect(
            approve.outcome(currentStatus: .published, consentToPublish: true, personalDataInPublishedText: [])
                == .failure(.notAwaitingModeration(.published)))
        // No more than a person may submit, unless the suggested text (a story and both answers) is longer.
        let long = String(repeating: "a", count: 10_001)
        let tooLong = ModerationDecision.approve(publishedText: long).outcome(
            currentStatus: .awaitingModeration, consentToPublish: true, personalDataInPublishedText: [],
            suggestedLength: 200)
        #expect(tooLong == .failure(.publishedTextTooLong(length: 10_001, limit: 10_000)))
        if case .failure(let refusal) = tooLong {
            #expect(
                refusal.description.hasPrefix("Keep the text to publish to 10,000 characters or fewer: it is 10,001"))
        }
        #expect(
            ModerationDecision.approve(publishedText: long).outcome(
                currentStatus: .awaitingModeration, consentToPublish: true, personalDataInPublishedText: [],
                suggestedLength: 10_050) == .success(.published))
    }

    @Test("a published story can be withdrawn or re-edited, with a reason free of personal data")
    func publishedStoryChanges() {
        func outcome(
            _ change: PublishedStoryChange, status: FeedbackStatus = .published, inReason: [String] = [],
            inText: [String] = []
        ) -> Result<FeedbackStatus, PublishedStoryChange.Refusal> {
            change.outcome(
                currentStatus: status, currentText: "Call me on [phone].", personalDataInReason: inReason,
                personalDataInPublishedText: inText)
        }
        #expect(outcome(.withdraw(reason: "The person withdrew consent")) == .success(.withdrawn))
        #expect(outcome(.withdraw(reason: " ")) == .failure(.reasonNeeded))
        #expect(
            outcome(.withdraw(reason: "Contains 07700 900123"), inReason: ["phone number"])
                == .failure(.personalDataInReason(["phone number"])))
        #expect(
            outcome(.withdraw(reason: "Consent withdrawn"), status: .approvedPrivate)
                == .failure(.notPublished(.approvedPrivate)))
        #expect(
            outcome(.withdraw(reason: "Again"), status: .withdrawn) == .failure(.notPublished(.withdrawn)))
        #expect(outcome(.edit(publishedText: "Kind staff.", reason: "A name slipped through")) == .success(.published))
        #expect(outcome(.edit(publishedText: "", reason: "A name")) == .failure(.emptyPublishedText))
        #expect(outcome(.edit(publishedText: "Call me on [phone].", reason: "Typo")) == .failure(.unchanged))
        #expect(
            outcome(.edit(publishedText: "Ask for Dr Patel.", reason: "Typo"), inText: ["name"])
                == .failure(.personalDataLeft(["name"])))
        #expect(outcome(.edit(publishedText: "Kind staff.", reason: "")) == .failure(.reasonNeeded))
        #expect(
            outcome(.edit(publishedText: String(repeating: "b", count: 12_000), reason: "Longer"))
                == .failure(.publishedTextTooLong(length: 12_000, limit: 10_000)))
        #expect(FeedbackStatus.withdrawn.canBeAnswered && !FeedbackStatus.withdrawn.isPublic)

        // A name the redactor did not know, taken out by hand, may not be kept in the reason (the audit log).
        let withName = "The care was lovely. Thank you to Nurse Gwen Jones on Ward 4."
        let edit = PublishedStoryChange.edit(
            publishedText: "The care was lovely. Thank you to the nurse on Ward 4.",
            reason: "Removed the nurse's name (Gwen Jones)")
        #expect(
            edit.outcome(
                currentStatus: .published, currentText: withName, personalDataInReason: [],
                personalDataInPublishedText: [])
                == .failure(
                    .personalDataInReason([
                        "the words \"Gwen\", which the edit removes", "the words \"Jones\", which the edit removes",
                    ])))
        let described = PublishedStoryChange.edit(
            publishedText: "The care was lovely. Thank you to the nurse on Ward 4.",
            reason: "Removed a staff member's name that the redactor missed")
        #expect(
            described.outcome(
                currentStatus: .published, currentText: withName, personalDataInReason: [],
                personalDataInPublishedText: []) == .success(.published))
        // Words that start a removed sentence are no names: "The" may be said.
        #expect(
            PublishedStoryChange.removedNamesRepeated(
                in: "The second sentence named nobody", before: "Kind staff. The rest was fine.", after: "Kind staff."
            )
            .isEmpty)
    }

    @Test("actions: done and not possible need words; re-opening is allowed")
    func actionStatus() {
        #expect(ActionStatus.problem(changingFrom: .planned, to: .notPossible, note: "")?.field == "note")
        #expect(ActionStatus.problem(changingFrom: .inProgress, to: .done, note: " ")?.field == "note")
        #expect(ActionStatus.problem(changingFrom: .planned, to: .done, note: "Screen installed") == nil)
        #expect(ActionStatus.problem(changingFrom: .planned, to: .planned, note: "") != nil)
        #expect(ActionStatus.problem(changingFrom: .done, to: .inProgress, note: "") == nil)
        #expect(ActionStatus.notPossible.isClosed && ActionStatus.done.isClosed && !ActionStatus.inProgress.isClosed)
    }

    @Test("loop closure: rates, medians and their plain display")
    func loopClosure() {
        let loop = LoopClosure(
            needingAnswer: 8, replied: 6, linkedToAction: 2, actions: 4, actionsClosed: 3, medianDaysToReply: 2.5,
            medianDaysToWeDid: nil)
        #expect(loop.replyRate == 0.75)
        #expect(loop.actionRate == 0.25)
        #expect(loop.actionsClosedRate == 0.75)
        #expect(LoopClosure.percent(loop.replyRate) == "75%")
        #expect(LoopClosure.percent(nil) == "–")
        #expect(LoopClosure.days(2.5) == "2.5 days")
        #expect(LoopClosure.days(1) == "1 day")
        #expect(LoopClosure.median([5, 1, 3]) == 3)
        #expect(LoopClosure.median([4, 1, 3, 2]) == 2.5)
        #expect(LoopClosure.median([]) == nil)
        #expect(
            LoopClosure(
                needingAnswer: 0, replied: 0, linkedToAction: 0, actions: 0, actionsClosed: 0, medianDaysToReply: nil,
                medianDaysToWeDid: nil
            ).replyRate == nil)
    }

    @Test("needs an answer: thanks alone does not; criticism, suggestions and poor ratings do")
    func needsAnswer() {
        #expect(!NeedsAnswer.decide(sentiment: 1, fftRating: .veryGood, hasSuggestion: false, isNoComment: false))
        #expect(NeedsAnswer.decide(sentiment: 1, fftRating: .veryGood, hasSuggestion: true, isNoComment: false))
        #expect(NeedsAnswer.decide(sentiment: 2, fftRating: .poor, hasSuggestion: false, isNoComment: false))
        #expect(NeedsAnswer.decide(sentiment: 4, fftRating: nil, hasSuggestion: false, isNoComment: false))
        #expect(!NeedsAnswer.decide(sentiment: 0, fftRating: .poor, hasSuggestion: true, isNoComment: true))
        // Nobody could read it (it may not be in English): only a good rating says it is thanks.
        #expect(NeedsAnswer.decide(sentiment: nil, fftRating: nil, hasSuggestion: false, isNoComment: false))
        #expect(NeedsAnswer.decide(sentiment: nil, fftRating: .poor, hasSuggestion: false, isNoComment: false))
        #expect(!NeedsAnswer.decide(sentiment: nil, fftRating: .veryGood, hasSuggestion: false, isNoComment: false))
    }

    @Test("spam: the honeypot and many links, but one link is fine")
    func spam() {
        #expect(SpamSignals.problem(text: "See https://www.nhs.uk/conditions", honeypot: "") == nil)
        #expect(SpamSignals.problem(text: "Fine", honeypot: "http://bot") == "honeypot")
        #expect(SpamSignals.problem(text: "http://a http://b https://c cheap pills", honeypot: "") == "links")
    }

    @Test("a submission needs a service and some words; contact details are checked when given")
    func submission() throws {
        let valid = try FeedbackSubmission(
            serviceID: "s", story: "  Kind staff ", fftRating: "Good", consentToPublish: "yes", contactEmail: "A@B.org"
        ).validated()
        #expect(valid.story == "Kind staff")
        #expect(valid.fftRating == .good)
        #expect(valid.consentToPublish)
        #expect(valid.contactEmail == "a@b.org")
        do {
            _ = try FeedbackSubmission(
                serviceID: "", story: "", fftRating: "Great", consentToPublish: "maybe", contactEmail: "x",
                contactPhone: "12", wantsReply: true
            ).validated()
            Issue.record("expected errors")
        } catch {
            #expect(
                Set(error.errors.map(\.field)) == [
                    "service_id", "story", "fft_rating", "consent_to_publish", "contact_email", "contact_phone",
                ])
        }
        #expect(throws: ValidationFailure.self) {
            try FeedbackSubmission(serviceID: "s", story: "Hi", consentToPublish: "yes", wantsReply: true).validated()
        }
        // Characters that show nothing are not words.
        #expect(throws: ValidationFailure.self) {
            try FeedbackSubmission(serviceID: "s", story: "\u{200B}\u{200B} \u{FEFF}\u{2060}", consentToPublish: "no")
                .validated()
        }
        #expect("\u{200B}Kind staff\u{2060}\u{200B} ".trimmingWhitespace() == "Kind staff")
        #expect(
            try FeedbackSubmission(serviceID: "s", story: "Hi").validated(consentRequired: false).consentToPublish
                == false)
        // Over-long answers: each named, with its length now.
        do {
            _ = try FeedbackSubmission(
                serviceID: "s", story: String(repeating: "a", count: 30_000),
                whatWasGood: String(repeating: "b", count: 10_001), consentToPublish: "no"
            ).validated()
            Issue.record("expected errors")
        } catch {
            #expect(
                error.errors.map(\.message) == [
                    "Keep your experience to 10,000 characters or fewer: it is 30,000 now.",
                    "Keep what was good to 10,000 characters or fewer: it is 10,001 now.",
                ])
        }
    }

    @Test("import rows: dates in export formats, the legacy scale kept apart, every problem named with its line")
    func importRows() {
        #expect(FeedbackImportRules.parseDate("2026-03-31")! == (2026, 3, 31))
        #expect(FeedbackImportRules.parseDate("31/03/2026 14:05")! == (2026, 3, 31))
        #expect(FeedbackImportRules.parseDate("31/03/26")! == (2026, 3, 31))
        #expect(FeedbackImportRules.parseDate("2026-02-29") == nil)
        #expect(FeedbackImportRules.parseDate("2024-02-29")! == (2024, 2, 29))
        #expect(FeedbackImportRules.parseDate("yesterday") == nil)
        let legacy = FeedbackImportRules.check(
            line: 7, text: "Good", rating: "Extremely likely", consent: nil, date: nil, good: nil, better: nil)
        guard case .failure(let errors) = legacy else { Issue.record("expected a refusal"); return }
        #expect(errors.errors.first?.line == 7)
        #expect(errors.errors.first?.field == "rating")
        #expect(
            errors.errors.first?.message.contains("pre-2020 \"likely to recommend\" answer, not as the FFT answer")
                == true)
        let fine = FeedbackImportRules.check(
            line: 2, text: "Good", rating: "2", consent: "no", date: "01/02/2026", good: nil, better: nil)
        guard case .success(let row) = fine else { Issue.record("expected success"); return }
        #expect(row.submission.fftRating == .good)
        #expect(row.date! == (2026, 2, 1))
    }

    @Test("import rows: an FFT answer with no words is kept, never to publish; a row with neither is refused")
    func importRatingOnlyRows() {
        let ratingOnly = FeedbackImportRules.check(
            line: 4, text: "  ", rating: "Very poor", consent: "yes", date: "02/10/2026", good: "", better: nil)
        guard case .success(let row) = ratingOnly else { Issue.record("expected success: \(ratingOnly)"); return }
        #expect(row.submission.isRatingOnly)
        #expect(row.submission.fftRating == .veryPoor)
        #expect(!row.submission.consentToPublish, "nothing to publish, whatever the consent column says")
        let legacyOnly = FeedbackImportRules.check(
            line: 5, text: "", rating: nil, consent: nil, date: nil, good: nil, better: nil, legacy: "Likely")
        guard case .success(let legacyRow) = legacyOnly else { Issue.record("expected success"); return }
        #expect(legacyRow.submission.isRatingOnly && legacyRow.legacy == "Likely")
        // With words, the row is not rating-only and keeps its consent.
        guard
            case .success(let worded) = FeedbackImportRules.check(
                line: 6, text: "Kind staff", rating: "1", consent: "yes", date: nil, good: nil, better: nil)
        else { Issue.record("expected success"); return }
        #expect(!worded.submission.isRatingOnly && worded.submission.consentToPublish)
        // Neither words nor an answer: refused, saying both are missing.
        let nothing = FeedbackImportRules.check(
            line: 7, text: "", rating: " ", consent: "yes", date: nil, good: nil, better: nil)
        #expect(
            nothing.errorDescriptions == ["line 7, text: The text is empty, and there is no FFT answer either."])
        // An unreadable answer and no words: refused for the answer, once.
        let unreadable = FeedbackImportRules.check(
            line: 8, text: "", rating: "Brilliant", consent: nil, date: nil, good: nil, better: nil)
        #expect(unreadable.errorDescriptions.count == 1)
        #expect(
            unreadable.errorDescriptions.first?.hasPrefix("line 8, rating: 'Brilliant' is not an FFT answer") == true)
    }

    @Test("import rows: words that say nothing (\"N/A\") with an FFT answer are an answer only; without one, refused")
    func importNonAnswerRows() {
        // The text engine's test, as the app passes it; here a stand-in.
        let isNonAnswer: (String) -> Bool = { ["n/a", "no comment"].contains($0.lowercased()) }
        let kept = FeedbackImportRules.check(
            line: 2, text: "N/A", rating: "Poor", consent: "yes", date: nil, good: "", better: "No comment",
            isNonAnswer: isNonAnswer)
        guard case .success(let row) = kept else { Issue.record("expected success: \(kept)"); return }
        #expect(row.submission.story == "N/A" && row.submission.couldBeBetter == "No comment", "the words are kept")
        #expect(row.submission.saysNothing(isNonAnswer) && !row.submission.isRatingOnly)
        #expect(!row.submission.consentToPublish, "nothing to publish, whatever the consent column says")
        let refused = FeedbackImportRules.check(
            line: 3, text: " n/a ", rating: "", consent: nil, date: nil, good: nil, better: nil,
            isNonAnswer: isNonAnswer)
        #expect(
            refused.errorDescriptions == [
                "line 3, text: The text says nothing (\"n/a\"), and there is no FFT answer either."
            ])
        guard case .failure(let errors) = refused else { return }
        #expect(errors.errors.allSatisfy(FeedbackImportRules.saysNothing))
        // One answer with words is enough to say something, and the consent column counts.
        guard
            case .success(let worded) = FeedbackImportRules.check(
                line: 4, text: "N/A", rating: nil, consent: "yes", date: nil, good: "The nurse", better: nil,
                isNonAnswer: isNonAnswer)
        else { Issue.record("expected success"); return }
        #expect(!worded.submission.saysNothing(isNonAnswer) && worded.submission.consentToPublish)
        // Without the engine's test nothing is a non-answer.
        guard
            case .success(let plain) = FeedbackImportRules.check(
                line: 5, text: "N/A", rating: nil, consent: "yes", date: nil, good: nil, better: nil)
        else { Issue.record("expected success"); return }
        #expect(plain.submission.consentToPublish)
    }

    @Test("import rows: a rating dated before April 2020 answers the old question and is refused")
    func importPre2020Ratings() {
        func ratingErrors(_ rating: String, _ date: String) -> [String] {
            let result = FeedbackImportRules.check(
                line: 3, text: "Good", rating: rating, consent: nil, date: date, good: nil, better: nil,
                today: SimpleDate(year: 2026, month: 12, day: 6))
            guard case .failure(let errors) = result else { return [] }
            return errors.errors.filter { $0.field == "rating" }.map(\.message)
        }
        for (rating, date) in [
            ("2", "15/06/2019"), ("1", "01/01/2015"), ("Don't know", "15/06/2019"), ("2", "31/03/2020"),
        ] {
            #expect(
                ratingErrors(rating, date) == [
                    "'\(rating)' is dated \(date), before the FFT question changed in April 2020, so it answers the pre-2020 \"likely to recommend\" question. Map this column as the pre-2020 \"likely to recommend\" answer, not as the FFT answer."
                ])
        }
        #expect(ratingErrors("2", "01/04/2020").isEmpty)
        #expect(ratingErrors("Likely", "15/06/2019").count == 1, "one refusal for a legacy word, not two")
    }

    enum Outcome: Equatable {
        case stored(String?)
        case refused([String])
    }

    @Test("import rows: the pre-2020 column takes the old answers in any case or spacing, their codes and nothing else")
    func importLegacyRecommend() {
        /// What is stored, or the refusals.
        func checked(_ legacy: String?) -> Outcome {
            switch FeedbackImportRules.check(
                line: 9, text: "Good", rating: nil, consent: nil, date: nil, good: nil, better: nil, legacy: legacy)
            {
            case .success(let row): .stored(row.legacy)
            case .failure(let errors): .refused(errors.errors.map(\.description))
            }
        }
        #expect(checked("Extremely likely") == .stored("Extremely likely"))
        #expect(checked("  EXTREMELY   likely ") == .stored("Extremely likely"))
        #expect(checked("neither_likely_nor_unlikely") == .stored("Neither likely nor unlikely"))
        #expect(checked("unlikely") == .stored("Unlikely"))
        #expect(checked("Extremely Unlikely") == .stored("Extremely unlikely"))
        #expect(checked("Don’t know") == .stored("Don't know"))
        #expect(checked("dont know") == .stored("Don't know"))
        #expect(checked("1") == .stored("Extremely likely"), "NHS England's codes for the old question")
        #expect(checked("4") == .stored("Unlikely"))
        #expect(checked("6") == .stored("Don't know"))
        #expect(checked("") == .stored(nil))
        #expect(checked("  ") == .stored(nil))
        #expect(checked(nil) == .stored(nil))
        let accepted =
            "extremely likely, likely, neither likely nor unlikely, unlikely, extremely unlikely, don't know, or their codes 1–6"
        #expect(
            checked("Maybe")
                == .refused([
                    "line 9, legacy_recommend: 'Maybe' is not a pre-2020 \"likely to recommend\" answer (\(accepted))."
                ]))
        #expect(
            checked("7")
                == .refused([
                    "line 9, legacy_recommend: '7' is not a pre-2020 \"likely to recommend\" answer (\(accepted))."
                ]))
        for current in ["Very good", "very_poor", "Neither good nor poor"] {
            #expect(
                checked(current)
                    == .refused([
                        "line 9, legacy_recommend: '\(current)' answers the current FFT question (very good … very poor), not the pre-2020 \"likely to recommend\" one. Map this column as the FFT answer, not as the pre-2020 \"likely to recommend\" answer."
                    ]))
        }
        // A refused legacy answer refuses the row, alongside the row's other problems.
        let both = FeedbackImportRules.check(
            line: 3, text: "Good", rating: nil, consent: "perhaps", date: nil, good: nil, better: nil, legacy: "Good")
        guard case .failure(let errors) = both else { Issue.record("expected a refusal"); return }
        #expect(errors.errors.map(\.field) == ["legacy_recommend", "consent_to_publish"])
        // The rating column still names the legacy words with any spacing.
        #expect(FeedbackImportRules.isLegacyRecommendAnswer("Extremely  LIKELY"))
        #expect(!FeedbackImportRules.isLegacyRecommendAnswer("2"))
    }

    @Test("import rows: a time in UTC or with an offset is dated by its UK day; a local time keeps its date")
    func importInstants() {
        #expect(FeedbackImportRules.parseDate("2024-03-31T23:30:00Z")! == (2024, 4, 1))
        #expect(FeedbackImportRules.parseDate("2024-03-31T23:30:00.123Z")! == (2024, 4, 1))
        #expect(FeedbackImportRules.parseDate("2024-03-31 23:30 UTC")! == (2024, 4, 1))
        #expect(FeedbackImportRules.parseDate("2024-04-01T00:30:00+01:00")! == (2024, 4, 1))
        #expect(FeedbackImportRules.parseDate("2024-03-31T18:30:00-05:00")! == (2024, 4, 1))
        #expect(FeedbackImportRules.parseDate("2024-04-01T00:30:00+0200")! == (2024, 3, 31))
        // In winter the UK is on UTC: 23:30 UTC is still the same day.
        #expect(FeedbackImportRules.parseDate("2024-01-31T23:30:00Z")! == (2024, 1, 31))
        // Without an offset the time is local: the date part stands.
        #expect(FeedbackImportRules.parseDate("2024-03-31T23:30:00")! == (2024, 3, 31))
        #expect(FeedbackImportRules.parseDate("31/03/2024 23:30")! == (2024, 3, 31))
    }

    @Test("import rows: a year is four digits (0001 is not 2001), and a date after today is refused")
    func importDates() {
        #expect(FeedbackImportRules.parseDate("0001-01-01") == nil)
        #expect(FeedbackImportRules.parseDate("01/01/0001") == nil)
        #expect(FeedbackImportRules.parseDate("0024-03-31") == nil)
        #expect(FeedbackImportRules.parseDate("1900-01-01") == nil)
        #expect(FeedbackImportRules.parseDate("31/03/024") == nil)
        #expect(FeedbackImportRules.parseDate("2026-3-5")! == (2026, 3, 5))
        let today = SimpleDate(year: 2026, month: 12, day: 5)
        func dateErrors(_ date: String) -> [FeedbackImportRules.RowError] {
            let result = FeedbackImportRules.check(
                line: 4, text: "Good", rating: nil, consent: nil, date: date, good: nil, better: nil, today: today)
            guard case .failure(let errors) = result else { return [] }
            return errors.errors
        }
        #expect(
            dateErrors("0001-01-01").map(\.description) == [
                "line 4, date: '0001-01-01' is outside 1990–2100: check the year."
            ])
        #expect(
            dateErrors("1899-01-01").map(\.description) == [
                "line 4, date: '1899-01-01' is outside 1990–2100: check the year."
            ])
        #expect(
            dateErrors("1899-02-30").map(\.description) == [
                "line 4, date: '1899-02-30' is not a real date: February has no such day."
            ])
        // Written the right way, but past the month's end: say that, not the format they already used.
        #expect(
            dateErrors("31/02/2026").map(\.description) == [
                "line 4, date: '31/02/2026' is not a real date: February has no such day."
            ])
        #expect(
            dateErrors("31/13/2026").map(\.description) == [
                "line 4, date: '31/13/2026' is not a date like 2024-03-31 or 31/03/2024."
            ])
        #expect(dateErrors("2026-12-06").map(\.field) == ["date"])
        #expect(
            dateErrors("2026-12-06").first?.description.hasPrefix("line 4, date: '2026-12-06' is in the future") == true
        )
        #expect(dateErrors("06/12/2026").count == 1)
        #expect(dateErrors("2026-12-05").isEmpty, "today is not the future")
        #expect(dateErrors("2026-12-04").isEmpty)
    }

    @Test("import rows: consent is yes or no in any usual spelling, and anything else is named with its line")
    func importConsent() throws {
        func consent(_ answer: String) -> Result<Bool, FeedbackImportRules.RowErrors> {
            FeedbackImportRules.check(
                line: 3, text: "Good", rating: nil, consent: answer, date: nil, good: nil, better: nil
            ).map(\.submission.consentToPublish)
        }
        for answer in ["Y", "y", "YES", "Yes", "true", "TRUE", "1", " yes "] { #expect(try consent(answer).get()) }
        for answer in ["N", "n", "No", "NO", "false", "False", "0", ""] { #expect(try !consent(answer).get()) }
        guard case .failure(let errors) = consent("maybe") else {
            Issue.record("expected a refusal")
            return
        }
        #expect(errors.errors.count == 1)
        #expect(errors.errors[0].description.hasPrefix(#"line 3, consent_to_publish: "maybe" is not yes or no"#))
        #expect(!errors.errors[0].message.contains("Choose whether"), "not the public form's wording")
    }

    @Test("equality answers keep only known values and hide small numbers")
    func equality() {
        #expect(EqualityQuestion.ageBand.accepted("35-44") == "35-44")
        #expect(EqualityQuestion.ageBand.accepted("prefer_not_to_say") == "prefer_not_to_say")
        #expect(EqualityQuestion.ageBand.accepted("<script>") == nil)
        #expect(SmallNumberSuppression.display(3) == "fewer than 5")
        #expect(SmallNumberSuppression.display(0) == "0")
        #expect(SmallNumberSuppression.display(12000) == "12,000")
    }
}

@Suite("Import dates: day first or month first")
struct ImportDateOrderTests {
    typealias Rules = FeedbackImportRules

    @Test("a date proves its order only when one part is over 12; year-first dates prove nothing")
    func orderShown() {
        #expect(Rules.orderShown(by: "17/10/2021") == .dayFirst)
        #expect(Rules.orderShown(by: "10/17/2021") == .monthFirst)
        #expect(Rules.orderShown(by: "10/03/2021") == nil)
        #expect(Rules.orderShown(by: "2021-10-17") == nil)
        #expect(Rules.orderShown(by: "not a date") == nil)
    }

    @Test("month first reads 10/03/2021 as 3 October; day first as 10 March")
    func parsesEitherOrder() {
        #expect(
            Rules.parseDate("10/03/2021", order: .monthFirst).map { [$0.year, $0.month, $0.day] } == [2021, 10, 3])
        #expect(Rules.parseDate("10/03/2021", order: .dayFirst).map { [$0.year, $0.month, $0.day] } == [2021, 3, 10])
        #expect(
            Rules.parseDate("2021-10-03", order: .monthFirst).map { [$0.year, $0.month, $0.day] } == [2021, 10, 3])
    }

    @Test("a row's date that only reads in the other order says so")
    func rowHint() {
        let result = Rules.check(
            line: 7, text: "Fine", rating: nil, consent: nil, date: "10/17/2021", good: nil, better: nil)
        guard case .failure(let errors) = result else {
            Issue.record("expected the date to be refused")
            return
        }
        #expect(
            errors.errors.map(\.description) == [
                "line 7, date: '10/17/2021' is not a date day first (like 31/03/2024); it reads as month first. If the file writes dates month first, import it with that date order."
            ])
    }
}

extension Result where Failure == FeedbackImportRules.RowErrors {
    /// The refusals as the importer prints them, or none.
    fileprivate var errorDescriptions: [String] {
        guard case .failure(let errors) = self else { return [] }
        return errors.errors.map(\.description)
    }
}

@Suite("FFT results")
struct FFTScoreTests {
    @Test("shares are out of every answer, don't know included, rounded to whole per cent")
    func shares() {
        // 7 very good, 2 good, 1 neither, 1 poor, 1 very poor, 1 don't know: 13 answers.
        let score = FFTScore(answers: 13, positive: 9, negative: 2)
        #expect(score.percentPositive == 69)  // 9 / 13 = 69.2 %
        #expect(score.percentNegative == 15)  // 2 / 13 = 15.4 %
        #expect(score.positiveText == "69% of 13")
        #expect(FFTScore(answers: 8, positive: 7, negative: 1).percentPositive == 88)  // 87.5 % rounds up
    }

    @Test("fewer than five answers give no share; none say so")
    func tooFew() {
        let four = FFTScore(answers: 4, positive: 0, negative: 4)
        #expect(four.percentPositive == nil && four.percentNegative == nil)
        #expect(four.positiveText == "4 answers, too few for a share")
        #expect(FFTScore(answers: 1, positive: 1).positiveText == "1 answer, too few for a share")
        #expect(FFTScore().positiveText == "No answers")
        var sum = FFTScore(answers: 3, positive: 3)
        sum.add(FFTScore(answers: 2, positive: 1, negative: 1))
        #expect(sum == FFTScore(answers: 5, positive: 4, negative: 1) && sum.percentPositive == 80)
    }
}
