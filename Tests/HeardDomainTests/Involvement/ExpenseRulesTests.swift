import Testing

@testable import HeardDomain

@Suite("Expenses: money in pence, the lines of a claim, when a claim can be made, and staff decisions")
struct ExpenseRulesTests {
    @Test("pounds typed are read as whole pence, never floating point; nonsense is not money")
    func parsingPounds() {
        #expect(Pence.parse("4.50") == 450)
        #expect(Pence.parse("£12") == 1200)
        #expect(Pence.parse(" 0.1 ") == 10)
        #expect(Pence.parse("1,200.05") == 120_005)
        #expect(Pence.parse(".75") == 75)
        for bad in ["", "abc", "-3", "4.505", "4.", "4.5.0", "£", "1e3", "12 pounds"] {
            #expect(Pence.parse(bad) == nil, "\(bad) is not an amount")
        }
        #expect(Pence.text(3513) == "£35.13")
        #expect(Pence.text(120_005) == "£1,200.05")
        #expect(Pence.text(7) == "£0.07")
        #expect(Pence.plain(120_005) == "1200.05")
    }

    @Test("a comma is read only between thousands: 12,50 is refused, never read as £1,250")
    func commas() {
        #expect(Pence.parse("1,000") == 100_000)
        #expect(Pence.parse("£1,000.50") == 100_050)
        #expect(Pence.parse("12,345,678") == nil, "more than 7 whole digits")
        #expect(Pence.read("1,234,567.89") == .success(123_456_789))
        for decimalComma in ["1,00", "12,50", "2,5", "1,0000", "12,", ",50", "1.000,50", "1,00,000", "12,5.0"] {
            #expect(Pence.read(decimalComma) == .failure(.decimalComma), "\(decimalComma) is refused")
        }
        #expect(Pence.read("12.345") == .failure(.tooManyDecimals))
        #expect(Pence.read("99999999") == .failure(.tooLarge))
        #expect(Pence.read("1e3") == .failure(.notANumber))
        #expect(Pence.read("-3") == .failure(.notANumber))
        #expect(Fixed.read("1.11", decimals: 1) == .failure(.tooManyDecimals))
        #expect(Fixed.read("1,5", decimals: 1) == .failure(.decimalComma))

        func message(_ row: ExpenseLineInput) -> String {
            if case .failure(let failure) = ExpenseRules.line(row, number: 1) { return failure.errors[0].message }
            return ""
        }
        #expect(
            message(ExpenseLineInput(kind: "parking", amount: "12,50")).contains(
                "Use a full stop for pence, like 12.50"))
        #expect(message(ExpenseLineInput(kind: "parking", amount: "1,00")).contains("Use a full stop for pence"))
        #expect(
            message(ExpenseLineInput(kind: "parking", amount: "12.345")).contains(
                "no more than 2 decimal places (pence)"))
        #expect(message(ExpenseLineInput(kind: "parking", amount: "123456789")).contains("up to £2,000.00"))
        #expect(message(ExpenseLineInput(kind: "parking", amount: "2,000.01", note: "x")).contains("up to £2,000.00"))
        #expect(message(ExpenseLineInput(kind: "mileage", miles: "1.11")).contains("one decimal place"))
        #expect(message(ExpenseLineInput(kind: "mileage", miles: "2,5")).contains("Use a full stop for part of a mile"))
        #expect(message(ExpenseLineInput(kind: "mileage", miles: "123456789")).contains("up to 1,000 miles"))
        if case .success(let line) = ExpenseRules.line(ExpenseLineInput(kind: "parking", amount: "1,000"), number: 1) {
            Issue.record("£1,000 needs a note, so it should not pass: \(line)")
        }
        if case .success(let line) = ExpenseRules.line(
            ExpenseLineInput(kind: "care_or_support", amount: "1,000.50", note: "Two days of care"), number: 1)
        {
            #expect(line.pence == 100_050)
        } else {
            Issue.record("1,000.50 is £1,000.50")
        }
    }

    @Test("mileage is worked out from the miles at the one rate, rounded to the penny")
    func mileage() throws {
        let claim = try ExpenseRules.claim(
            rows: [ExpenseLineInput(kind: "mileage", miles: "12.5"), ExpenseLineInput(kind: "mileage", miles: "3")],
            paymentOffered: nil, wantsPayment: "")
        // 12.5 × 45p = 562.5p, rounded up to 563p; 3 × 45p = 135p.
        #expect(claim.lines.map(\.pence) == [563, 135])
        #expect(claim.lines[0].tenthsOfMile == 125)
        #expect(claim.totalPence == 698)
        #expect(ExpenseLine.milesText(125) == "12.5 miles")
        #expect(ExpenseRules.mileagePencePerMile == 45)
    }

    @Test("each line's problems name its own fields and say what to fix")
    func lineProblems() {
        func problems(_ row: ExpenseLineInput) -> [FieldError] {
            if case .failure(let failure) = ExpenseRules.line(row, number: 2) { return failure.errors }
            return []
        }
        #expect(problems(ExpenseLineInput(kind: "", amount: "4")).map(\.field) == ["kind-2"])
        #expect(problems(ExpenseLineInput(kind: "parking", amount: "0")).map(\.field) == ["amount-2"])
        #expect(problems(ExpenseLineInput(kind: "parking", amount: "")).map(\.field) == ["amount-2"])
        let pounds = problems(ExpenseLineInput(kind: "mileage", amount: "20"))
        #expect(pounds.map(\.field) == ["amount-2", "miles-2"])
        #expect(pounds[0].message.contains("enter the miles, not pounds"))
        #expect(problems(ExpenseLineInput(kind: "parking", amount: "3", miles: "4")).map(\.field) == ["miles-2"])
        #expect(problems(ExpenseLineInput(kind: "mileage", miles: "1001")).map(\.field) == ["miles-2"])
        #expect(problems(ExpenseLineInput(kind: "other", amount: "3")).map(\.field) == ["note-2"])
        #expect(problems(ExpenseLineInput(kind: "other", amount: "3", note: "Printing")).isEmpty)
        // Over £500 needs a note; over £2,000 is refused.
        #expect(problems(ExpenseLineInput(kind: "care_or_support", amount: "500")).isEmpty)
        let large = problems(ExpenseLineInput(kind: "care_or_support", amount: "500.01"))
        #expect(large.map(\.field) == ["note-2"])
        #expect(large[0].message.contains("over £500.00 needs a note"))
        #expect(problems(ExpenseLineInput(kind: "care_or_support", amount: "500.01", note: "Two days of care")).isEmpty)
        #expect(
            problems(ExpenseLineInput(kind: "public_transport", amount: "2000.01", note: "Train")).map(\.field) == [
                "amount-2"
            ])
    }

    @Test("a claim needs a line or the payment; blank rows are ignored; the payment must be answered when offered")
    func wholeClaim() throws {
        let blank = ExpenseLineInput()
        #expect(throws: ValidationFailure.self) {
            try ExpenseRules.claim(rows: [blank, blank], paymentOffered: nil, wantsPayment: "")
        }
        do {
            _ = try ExpenseRules.claim(
                rows: [ExpenseLineInput(kind: "parking", amount: "3")], paymentOffered: 2500, wantsPayment: "")
            Issue.record("the payment question was not answered")
        } catch {
            #expect(error.errors.map(\.field) == ["wants_payment"])
            #expect(error.errors[0].message.contains("you can choose not to be paid"))
        }
        let paymentOnly = try ExpenseRules.claim(rows: [blank], paymentOffered: 2500, wantsPayment: "yes")
        #expect(paymentOnly.lines.isEmpty && paymentOnly.totalPence == 2500 && paymentOnly.wantsPayment == true)
        let declined = try ExpenseRules.claim(
            rows: [blank, ExpenseLineInput(kind: "parking", amount: "3.20")], paymentOffered: 2500, wantsPayment: "no")
        #expect(declined.paymentPence == nil && declined.wantsPayment == false && declined.totalPence == 320)
        #expect(throws: ValidationFailure.self) {
            try ExpenseRules.claim(rows: [blank], paymentOffered: 2500, wantsPayment: "no")
        }
    }

    @Test("claims open the day after the activity and close three months after it")
    func window() {
        let held = SimpleDate(year: 2026, month: 11, day: 30)
        #expect(ExpenseRules.lastDayToClaim(heldOn: held) == SimpleDate(year: 2027, month: 2, day: 28))
        #expect(
            ExpenseRules.lastDayToClaim(heldOn: SimpleDate(year: 2026, month: 12, day: 15))
                == SimpleDate(year: 2027, month: 3, day: 15))
        func problem(_ today: SimpleDate, accepted: Bool = true, cancelled: Bool = false) -> String? {
            ExpenseRules.windowProblem(accepted: accepted, heldOn: held, cancelled: cancelled, today: today)
        }
        #expect(problem(held)?.contains("from the day after the activity, 1 December 2026") == true)
        #expect(problem(held.adding(days: 1)) == nil)
        #expect(problem(SimpleDate(year: 2027, month: 2, day: 28)) == nil)
        #expect(problem(SimpleDate(year: 2027, month: 3, day: 1))?.contains("closed on 28 February 2027") == true)
        #expect(problem(held.adding(days: 1), accepted: false)?.contains("said you would come") == true)
        #expect(problem(held.adding(days: 1), cancelled: true)?.contains("cancelled") == true)
        let day = held.adding(days: 1)
        #expect(
            ExpenseRules.windowProblem(accepted: true, heldOn: held, cancelled: false, attended: false, today: day)?
                .contains("recorded that you did not come") == true)
        #expect(
            ExpenseRules.windowProblem(accepted: true, heldOn: held, cancelled: false, attended: true, today: day)
                == nil)
    }

    @Test("staff decisions follow the order submitted, approved or rejected, then paid")
    func decisions() {
        let held = SimpleDate(year: 2026, month: 11, day: 30)
        let today = SimpleDate(year: 2026, month: 12, day: 7)
        func problem(
            _ from: ExpenseClaimStatus, _ to: ExpenseClaimStatus, reason: String = "", paidOn: String = ""
        )
            -> String?
        {
            ExpenseRules.decisionProblem(
                from: from, to: to, reason: reason, paidOn: paidOn, heldOn: held, today: today)?
                .field
        }
        #expect(problem(.submitted, .approved) == nil)
        #expect(problem(.submitted, .rejected) == "reason")
        #expect(problem(.submitted, .rejected, reason: "No ticket") == nil)
        #expect(problem(.submitted, .paid, paidOn: "2026-12-07") == "status")
        #expect(problem(.approved, .paid) == "paid_on")
        #expect(problem(.approved, .paid, paidOn: "2026-12-08") == "paid_on", "not in the future")
        #expect(problem(.approved, .paid, paidOn: "2026-11-29") == "paid_on", "not before the activity")
        #expect(problem(.approved, .paid, paidOn: "2026-12-07") == nil)
        // Not before it was approved: claimed ≤ approved ≤ paid.
        let approved = SimpleDate(year: 2026, month: 12, day: 5)
        let early = ExpenseRules.decisionProblem(
            from: .approved, to: .paid, reason: "", paidOn: "2026-12-04", heldOn: held, decidedOn: approved,
            today: today)
        #expect(early?.field == "paid_on")
        #expect(early?.message == "The day it was paid cannot be before it was approved, 5 December 2026.")
        #expect(
            ExpenseRules.decisionProblem(
                from: .approved, to: .paid, reason: "", paidOn: "2026-12-05", heldOn: held, decidedOn: approved,
                today: today) == nil)
        #expect(ExpenseRules.approvalProblem(cancelled: true, attended: true)?.contains("cancelled") == true)
        #expect(ExpenseRules.approvalProblem(cancelled: false, attended: false)?.contains("not coming") == true)
        #expect(ExpenseRules.approvalProblem(cancelled: false, attended: nil) == nil)
        #expect(problem(.paid, .approved) == "status")
        #expect(problem(.rejected, .approved) == "status")
    }

    @Test("an activity's involvement payment is pounds typed, kept in pence, and optional")
    func activityPayment() throws {
        let today = SimpleDate(year: 2026, month: 12, day: 7)
        var input = ActivityInput(
            title: "Carers panel", kind: "workshop", placeID: "x", date: "2026-12-20", venue: "Town hall",
            attendees: "0", payment: "37.50")
        #expect(try input.validated(today: today).paymentPence == 3750)
        input.payment = ""
        #expect(try input.validated(today: today).paymentPence == nil)
        input.payment = "-5"
        #expect(throws: ValidationFailure.self) { try input.validated(today: today) }
        input.payment = "1000.01"
        #expect(throws: ValidationFailure.self) { try input.validated(today: today) }
        func message(_ payment: String) -> String {
            input.payment = payment
            do {
                _ = try input.validated(today: today)
                return ""
            } catch { return error.errors.first { $0.field == "payment" }?.message ?? "" }
        }
        #expect(message("1,00").contains("Use a full stop for pence, like 12.50"))
        #expect(message("12,50").contains("Use a full stop for pence"))
        #expect(message("25.005").contains("no more than 2 decimal places (pence)"))
        #expect(message("99999999").contains("up to £1,000.00"))
        #expect(message("1000.01").contains("up to £1,000.00"))
        input.payment = "1,000"
        #expect(try input.validated(today: today).paymentPence == 100_000)
    }
}
