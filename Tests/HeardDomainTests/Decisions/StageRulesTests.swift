import HeardDomain
import Testing

@Suite("Initiative stages and the duty to involve")
struct StageRulesTests {
    static let today = SimpleDate(year: 2026, month: 11, day: 25)

    @Test("a change to services cannot plan involvement without an activity or lived-experience members")
    func planningNeedsSomething() {
        let facts = InitiativeFacts(stage: .idea, affectsServices: true)
        #expect(StageRules.refusal(toEnter: .involvementPlanned, facts, today: Self.today)?.rule == "duty to involve")
        var planned = facts
        planned.activitiesRecorded = 1
        #expect(StageRules.refusal(toEnter: .involvementPlanned, planned, today: Self.today) == nil)
        let internalChange = InitiativeFacts(stage: .idea, affectsServices: false)
        #expect(StageRules.refusal(toEnter: .involvementPlanned, internalChange, today: Self.today) == nil)
    }

    @Test("options cannot be drafted until people with lived experience have been involved")
    func involvementBeforeOptions() {
        var facts = InitiativeFacts(stage: .involvementPlanned, affectsServices: true, activitiesRecorded: 2)
        let refusal = StageRules.refusal(toEnter: .optionsDeveloped, facts, today: Self.today)
        #expect(refusal?.rule == "duty to involve")
        #expect(refusal?.message.contains("before options are drafted") == true)
        facts.activitiesHeldWithParticipants = 1
        #expect(StageRules.refusal(toEnter: .optionsDeveloped, facts, today: Self.today) == nil)
        facts.activitiesHeldWithParticipants = 0
        facts.livedExperienceMembers = 2
        #expect(StageRules.refusal(toEnter: .optionsDeveloped, facts, today: Self.today) == nil)
    }

    @Test("stages cannot be skipped or go back")
    func order() {
        let facts = InitiativeFacts(stage: .idea, affectsServices: true, livedExperienceMembers: 3)
        #expect(StageRules.refusal(toEnter: .consultation, facts, today: Self.today)?.rule == "order")
        let later = InitiativeFacts(stage: .analysis, affectsServices: true)
        #expect(StageRules.refusal(toEnter: .idea, later, today: Self.today)?.rule == "order")
    }

    @Test("a change that needs no consultation may go from options straight to an approved decision")
    func skipConsultationWhenNotNeeded() {
        var facts = InitiativeFacts(stage: .optionsDeveloped, affectsServices: false, decisionApproved: true)
        #expect(StageRules.refusal(toEnter: .decision, facts, today: Self.today) == nil)
        facts.affectsServices = true
        #expect(StageRules.refusal(toEnter: .decision, facts, today: Self.today)?.rule == "order")
    }

    @Test("consultation needs a complete pack and questions; analysis waits for it to close")
    func consultationAndAnalysis() {
        var consultation = ConsultationFacts(
            opensOn: Self.today.adding(days: -10), closesOn: Self.today.adding(days: 80), background: "b",
            options: "o", discardedAlternatives: "d", reasons: "r", eiaStatus: .none)
        var facts = InitiativeFacts(stage: .optionsDeveloped, affectsServices: true, consultation: nil)
        #expect(StageRules.refusal(toEnter: .consultation, facts, today: Self.today)?.rule == "G2")
        facts.consultation = consultation
        #expect(
            StageRules.refusal(toEnter: .consultation, facts, today: Self.today)?.message.contains("equality") == true)
        consultation.eiaStatus = .draft
        facts.consultation = consultation
        #expect(
            StageRules.refusal(toEnter: .consultation, facts, today: Self.today)?.message.contains("question") == true)
        consultation.questionCount = 2
        facts.consultation = consultation
        #expect(StageRules.refusal(toEnter: .consultation, facts, today: Self.today) == nil)
        facts.stage = .consultation
        #expect(StageRules.refusal(toEnter: .analysis, facts, today: Self.today)?.rule == "G4")
        #expect(StageRules.refusal(toEnter: .analysis, facts, today: Self.today.adding(days: 81)) == nil)
    }

    @Test("decision and implementation need the approved decision; review needs the published outcome")
    func laterStages() {
        var facts = InitiativeFacts(stage: .analysis, affectsServices: true)
        #expect(StageRules.refusal(toEnter: .decision, facts, today: Self.today) != nil)
        facts.decisionApproved = true
        #expect(StageRules.refusal(toEnter: .decision, facts, today: Self.today) == nil)
        facts.stage = .implementation
        facts.consultation = ConsultationFacts(opensOn: Self.today, closesOn: Self.today.adding(days: 1))
        #expect(StageRules.refusal(toEnter: .review, facts, today: Self.today)?.rule == "G4")
        facts.consultation?.analysisPublished = true
        #expect(StageRules.refusal(toEnter: .review, facts, today: Self.today) == nil)
    }

    @Test("dates read strictly and count days correctly across months and leap years")
    func dates() {
        #expect(SimpleDate(iso: "2028-02-29") != nil)
        #expect(SimpleDate(iso: "2027-02-29") == nil)
        #expect(SimpleDate(iso: "2027-13-01") == nil)
        #expect(SimpleDate(iso: "tomorrow") == nil)
        let start = SimpleDate(year: 2026, month: 12, day: 28)
        #expect(start.adding(days: 84) == SimpleDate(year: 2027, month: 3, day: 22))
        #expect(SimpleDate(dayNumber: 0) == SimpleDate(year: 1970, month: 1, day: 1))
        #expect(start.ukText == "28 December 2026")
    }

    @Test("consultation dates: closing before opening and consulting on a decided initiative are refused")
    func consultationInput() {
        let today = SimpleDate(year: 2026, month: 12, day: 5)
        let input = ConsultationInput(title: "Stroke", opensOn: "2027-01-10", closesOn: "2027-01-01")
        #expect(throws: ValidationFailure.self) { try input.validated(initiativeDecided: false, today: today) }
        do {
            _ = try input.validated(initiativeDecided: true, today: today)
        } catch {
            #expect(error.message(for: "closes_on") == "The closing date must be after the opening date.")
            #expect(error.message(for: "title")?.contains("G1") == true)
        }
    }

    @Test("a scale names its ends, or each point, or is the agreement scale")
    func scaleLabels() throws {
        #expect(ScaleLabels.labels([]).first == "1 – Strongly disagree")
        #expect(
            ScaleLabels.labels(["Very difficult", "Very easy"]) == [
                "1 – Very difficult", "2", "3", "4", "5 – Very easy",
            ])
        #expect(ScaleLabels.labels(["a", "b", "c", "d", "e"])[2] == "3 – c")
        #expect(ScaleLabels.problem(["Hard", "OK", "Easy"]) != nil)
        let ends = try QuestionInput(
            text: "How easy would it be to get there?", kind: "scale", choices: "Very difficult\nVery easy"
        ).validated()
        #expect(ends.choices == ["Very difficult", "Very easy"])
        #expect(throws: ValidationFailure.self) {
            try QuestionInput(text: "How easy?", kind: "scale", choices: "Hard\nOK\nEasy").validated()
        }
    }

    @Test("choices: none repeated (scale labels too), at most 30, each at most 200 characters")
    func choiceLimits() throws {
        func problems(_ kind: String, _ choices: [String]) -> [String] {
            do {
                _ = try QuestionInput(text: "How do you travel?", kind: kind, choices: choices.joined(separator: "\n"))
                    .validated()
                return []
            } catch { return error.errors.map(\.message) }
        }
        #expect(problems("scale", ["Low", "low"]) == ["\"low\" is listed more than once: make each choice different."])
        #expect(problems("single_choice", (1...30).map { "Choice \($0)" }).isEmpty)
        #expect(
            problems("multiple_choice", (1...31).map { "Choice \($0)" }) == [
                "Keep to 30 choices or fewer (there are 31): a long list is hard to read on a phone."
            ])
        #expect(problems("single_choice", ["Bus", String(repeating: "b", count: 200)]).isEmpty)
        #expect(
            problems("single_choice", ["Bus", String(repeating: "b", count: 201)]) == [
                "Keep each choice to 200 characters or fewer: \"\(String(repeating: "b", count: 40))…\" has 201."
            ])
        // Free text keeps no choices, so whatever was in the box is not judged.
        #expect(problems("free_text", (1...40).map { _ in "same" }).isEmpty)
    }

    @Test("a consultation needs its whole pack, cannot open in the past, and a short one needs a real reason")
    func consultationPack() throws {
        let today = SimpleDate(year: 2026, month: 12, day: 5)
        var input = ConsultationInput(
            title: "Stroke", background: "Rehab is in hospital now.", options: "A. Home visits. B. No change.",
            discardedAlternatives: "C. Close the unit: set aside because of travel.",
            reasons: "People recover better at home.",
            opensOn: "2026-12-05", closesOn: "2027-03-01")
        #expect(try input.validated(initiativeDecided: false, today: today).opensOn == today, "today is allowed")
        var farAhead = input
        farAhead.opensOn = "2099-01-01"
        farAhead.closesOn = "2099-03-01"
        #expect(throws: ValidationFailure.self) { try farAhead.validated(initiativeDecided: false, today: today) }
        do {
            _ = try farAhead.validated(initiativeDecided: false, today: today)
        } catch {
            #expect(error.message(for: "opens_on") == "Check the year: that is more than 2 years ahead.")
        }
        farAhead.opensOn = "2028-06-01"
        farAhead.closesOn = "2028-09-01"
        #expect(try farAhead.validated(initiativeDecided: false, today: today).opensOn.iso == "2028-06-01")

        var empty = input
        empty.background = " "
        empty.options = ""
        empty.discardedAlternatives = ""
        empty.reasons = ""
        do {
            _ = try empty.validated(initiativeDecided: false, today: today)
            Issue.record("an empty pack was accepted")
        } catch {
            #expect(error.message(for: "background")?.contains("Gunning G2") == true)
            #expect(error.message(for: "options") != nil && error.message(for: "reasons") != nil)
            #expect(error.message(for: "discarded_alternatives")?.contains("Moseley") == true)
        }
        var placeholders = input
        placeholders.background = "."
        placeholders.reasons = "tbc"
        do {
            _ = try placeholders.validated(initiativeDecided: false, today: today)
            Issue.record("a pack of placeholders was accepted")
        } catch {
            #expect(error.message(for: "background")?.contains("at least 3 words") == true)
            #expect(error.message(for: "reasons")?.contains("Gunning G2") == true)
            #expect(error.message(for: "options") == nil)
        }
        // Too long names the part of the pack, even when it is one unbroken string.
        var long = input
        long.background = String(repeating: "x", count: 60_000)
        long.discardedAlternatives = String(repeating: "Set aside. ", count: 500)
        do {
            _ = try long.validated(initiativeDecided: false, today: today)
            Issue.record("a 60,000-character background was accepted")
        } catch {
            #expect(
                error.message(for: "background")
                    == "Keep the background to 5,000 characters or fewer: it is 60,000 now.")
            #expect(
                error.message(for: "discarded_alternatives")
                    == "Keep the alternatives set aside to 5,000 characters or fewer: it is 5,499 now.")
        }

        input.opensOn = "2026-12-04"
        do {
            _ = try input.validated(initiativeDecided: false, today: today)
            Issue.record("a consultation opening yesterday was accepted")
        } catch {
            #expect(error.message(for: "opens_on")?.contains("open it today (5 December 2026) or later") == true)
        }

        input.opensOn = "2026-12-05"
        input.shortDurationReason = "x"
        do {
            _ = try input.validated(initiativeDecided: false, today: today)
            Issue.record("a one-letter reason was accepted")
        } catch {
            #expect(error.message(for: "short_duration_reason")?.contains("at least 3 words") == true)
        }
        input.shortDurationReason = "The service closes in March, so the decision cannot wait."
        #expect(throws: Never.self) { try input.validated(initiativeDecided: false, today: today) }
    }

    @Test("an activity still to come cannot have had people or changed anything yet")
    func futureActivity() throws {
        let today = SimpleDate(year: 2026, month: 12, day: 5)
        var input = ActivityInput(
            title: "Drop-in", kind: "community_meeting", placeID: "p", date: "2026-12-26", venue: "Hall",
            attendees: "15", whatChanged: "Added a bus.")
        do {
            _ = try input.validated(today: today)
            Issue.record("a future activity with attendees was accepted")
        } catch {
            #expect(error.message(for: "attendees")?.contains("26 December 2026, so nobody has come yet") == true)
            #expect(error.message(for: "what_changed") != nil)
        }
        input.attendees = "0"
        input.whatChanged = ""
        #expect(try input.validated(today: today).attendees == 0)
        input.date = "2026-12-05"
        input.attendees = "15"
        #expect(try input.validated(today: today).attendees == 15, "today's can be recorded today")
    }

    @Test("an activity is recorded with at most 20,000 people")
    func attendeeLimit() throws {
        let today = SimpleDate(year: 2026, month: 12, day: 5)
        var input = ActivityInput(
            title: "Drop-in", kind: "community_meeting", placeID: "p", date: "2026-11-05", venue: "Hall",
            attendees: "100000")
        do {
            _ = try input.validated(today: today)
            Issue.record("100,000 people at one drop-in was accepted")
        } catch {
            #expect(
                error.message(for: "attendees")
                    == "Check the number: 100,000 people is more than one activity could involve (up to 20,000).")
        }
        input.attendees = "20000"
        #expect(try input.validated(today: today).attendees == 20_000)
    }

    @Test("an activity that has happened needs how many came; names and notes have limits")
    func pastActivityNeedsItsNumber() throws {
        let today = SimpleDate(year: 2026, month: 12, day: 5)
        var input = ActivityInput(
            title: "Drop-in", kind: "community_meeting", placeID: "p", date: "2026-11-20", venue: "Hall",
            attendees: " ")
        do {
            _ = try input.validated(today: today)
            Issue.record("a past activity with no number was saved as 0")
        } catch {
            #expect(
                error.message(for: "attendees")
                    == "Enter how many people came on 20 November 2026, or 0 if nobody came.")
        }
        input.attendees = "0"
        #expect(try input.validated(today: today).attendees == 0, "nobody came, said so")
        input.date = "2026-12-20"
        input.attendees = ""
        #expect(try input.validated(today: today).attendees == 0, "still to come: nobody yet")
        input.title = String(repeating: "t", count: 201)
        input.notes = String(repeating: "n", count: 10_001)
        input.whatChanged = ""
        do {
            _ = try input.validated(today: today)
            Issue.record("an overlong name and notes were accepted")
        } catch {
            #expect(error.message(for: "title") == "Keep the name to 200 characters or fewer: it is 201 now.")
            #expect(error.message(for: "notes") == "Keep the notes to 10,000 characters or fewer: it is 10,001 now.")
        }
    }

    @Test("an activity dated decades away is a typed year, not a record")
    func implausibleActivityYears() throws {
        let today = SimpleDate(year: 2026, month: 12, day: 5)
        var input = ActivityInput(
            title: "Drop-in", kind: "community_meeting", placeID: "p", date: "1900-01-01", venue: "Hall",
            attendees: "15")
        for (date, message) in [
            ("1900-01-01", "Check the year: that is more than 2 years ago."),
            ("2024-12-04", "Check the year: that is more than 2 years ago."),
            ("2032-01-01", "Check the year: that is more than 5 years ahead."),
        ] {
            input.date = date
            input.attendees = date < "2026" ? "15" : "0"
            #expect(throws: ValidationFailure.self) { try input.validated(today: today) }
            do { _ = try input.validated(today: today) } catch { #expect(error.message(for: "date") == message) }
        }
        input.date = "2024-12-05"
        input.attendees = "15"
        #expect(try input.validated(today: today).date == SimpleDate(year: 2024, month: 12, day: 5))
        // An older activity already recorded keeps its date when corrected.
        input.date = "2016-12-05"
        #expect(
            try input.validated(today: today, storedDate: "2016-12-05").date
                == SimpleDate(year: 2016, month: 12, day: 5))
        input.date = "2031-12-05"
        input.attendees = "0"
        #expect(try input.validated(today: today).date == SimpleDate(year: 2031, month: 12, day: 5))
    }

    @Test("a recorded reason must say something")
    func recordedReasons() {
        let ask = "Say why."
        #expect(RecordedReason.problem("", ask: ask) == "Say why.")
        #expect(RecordedReason.problem(" . ", ask: ask)?.contains("at least 3 words") == true)
        #expect(
            RecordedReason.problem("Records delay", ask: ask, reader: RecordedReason.recordReader)
                == "Say why, in a sentence someone reading the complaint's record later can follow (at least 3 words).")
        #expect(RecordedReason.problem("x", ask: ask) != nil)
        #expect(RecordedReason.problem("12 34 56", ask: ask) != nil, "numbers alone are not words")
        #expect(RecordedReason.problem("Staff were unavailable", ask: ask) == nil)
        #expect(RecordedReason.problem("Didn't reach carers", ask: ask) == nil)
    }

    @Test("a short answer may be a phrase, but not a placeholder")
    func placeholders() {
        let ask = "Give the evidence."
        #expect(RecordedReason.placeholderProblem("", ask: ask) == "Give the evidence.")
        #expect(
            RecordedReason.placeholderProblem(" . ", ask: ask)
                == "Give the evidence: \".\" is a placeholder, not an answer.")
        for placeholder in ["TBC", "n/a", "N/A.", "none", "-", "2021", "To follow", "x"] {
            #expect(RecordedReason.placeholderProblem(placeholder, ask: ask) != nil, "\(placeholder)")
        }
        for answer in ["Census 2021", "GP records", "None reached us: we will ask the deaf forum."] {
            #expect(RecordedReason.placeholderProblem(answer, ask: ask) == nil, "\(answer)")
        }
    }
}
