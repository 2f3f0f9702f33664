/// The rules for claiming expenses and an involvement payment after taking part in an activity.
///
/// Out-of-pocket costs (fares, mileage, parking, care or a support worker) are always paid back; some
/// activities also offer an involvement payment, which the person may choose not to take.
public enum ExpenseRules {
    /// Pence per mile for driving your own car: HMRC's approved rate for the first 10,000 miles, which most NHS
    /// involvement policies pay. One setting, here, so the form, the check and the sum agree.
    public static let mileagePencePerMile = 45
    /// A line above this needs a note saying what it was, so whoever approves it can see why.
    public static let noteNeededAbovePence = 500_00
    /// More than this on one line is a slip of the keyboard, not a bus fare: refused.
    public static let mostForOneLinePence = 2_000_00
    /// The most miles one journey line can be.
    public static let mostMiles = 1_000
    /// Rows shown on the form: a journey there and back, parking, care and one more.
    public static let rowsShown = 5
    /// Claims close this many months after the activity: long enough for receipts and a carer's invoice to
    /// arrive, short enough for finance to pay from the budget the activity was planned in. Later claims go to
    /// the team directly, who can still pay them.
    public static let monthsToClaim = 3
    public static let noteLimit = 200
    public static let reasonLimit = 1000

    /// The last day a claim can be made for an activity held on `heldOn`: the same day `monthsToClaim` later
    /// (the month's last day when that month is shorter).
    public static func lastDayToClaim(heldOn: SimpleDate) -> SimpleDate {
        let months = heldOn.month - 1 + monthsToClaim
        let year = heldOn.year + months / 12
        let month = months % 12 + 1
        return SimpleDate(year: year, month: month, day: min(heldOn.day, SimpleDate.daysIn(month: month, year: year)))
    }

    /// Why a claim cannot be made now, or nil when it can: only for an invitation accepted, once the activity
    /// has happened (from the day after), and until `lastDayToClaim`.
    public static func windowProblem(
        accepted: Bool, heldOn: SimpleDate, cancelled: Bool, attended: Bool? = nil, today: SimpleDate
    ) -> String? {
        if !accepted {
            return "You can claim only for an activity you said you would come to."
        }
        if cancelled {
            return cancelledText
        }
        if attended == false {
            return
                "The team recorded that you did not come to this activity, so there is nothing to claim here. If that is not right, contact the team who invited you."
        }
        if heldOn >= today {
            return "You can claim from the day after the activity, \(heldOn.adding(days: 1).ukText)."
        }
        let last = lastDayToClaim(heldOn: heldOn)
        if today > last {
            return
                "Claims for this activity closed on \(last.ukText), \(monthsToClaim) months after it. Contact the team who invited you: they can still pay you."
        }
        return nil
    }

    public static let cancelledText =
        "This activity was cancelled, so there is nothing to claim here. If it cost you money to get there, contact the team who invited you."

    /// Why staff cannot approve a claim because of the activity, or nil: not for one recorded as cancelled,
    /// nor for someone recorded as not coming. Either can be corrected on the activity's page.
    public static func approvalProblem(cancelled: Bool, attended: Bool?) -> String? {
        if cancelled {
            return
                "The activity is recorded as cancelled, so this claim cannot be approved. Do not approve it and give the reason, or, if it was held, record that on the activity's page first."
        }
        if attended == false {
            return
                "This person is recorded as not coming to the activity, so this claim cannot be approved. Do not approve it and give the reason, or correct who came on the activity's page first."
        }
        return nil
    }

    /// A checked claim: its lines and the involvement payment, if they chose to take it.
    public struct Claim: Equatable, Sendable {
        public var lines: [ExpenseLine]
        /// Nil when the activity offers none or they chose not to take it.
        public var paymentPence: Int?
        /// Nil when the activity offers no payment.
        public var wantsPayment: Bool?

        public var totalPence: Int { lines.reduce(0) { $0 + $1.pence } + (paymentPence ?? 0) }

        public init(lines: [ExpenseLine], paymentPence: Int? = nil, wantsPayment: Bool? = nil) {
            self.lines = lines
            self.paymentPence = paymentPence
            self.wantsPayment = wantsPayment
        }
    }

    /// Checks the rows typed (numbered from 1, field names "kind-1", "amount-1", "miles-1", "note-1") and the
    /// answer to "do you want the involvement payment" ("yes"/"no", field "wants_payment") when one is offered.
    public static func claim(
        rows: [ExpenseLineInput], paymentOffered: Int?, wantsPayment: String
    ) throws(ValidationFailure) -> Claim {
        var errors: [FieldError] = []
        var lines: [ExpenseLine] = []
        for (index, row) in rows.enumerated() where !row.isBlank {
            let result = line(row, number: index + 1)
            switch result {
            case .success(let line): lines.append(line)
            case .failure(let failure): errors += failure.errors
            }
        }
        var wants: Bool?
        if let offered = paymentOffered {
            switch wantsPayment {
            case "yes": wants = true
            case "no": wants = false
            default:
                errors.append(
                    FieldError(
                        "wants_payment",
                        "Say whether you want the involvement payment of \(Pence.text(offered)): you can choose not to be paid."
                    ))
            }
        }
        if errors.isEmpty && lines.isEmpty && wants != true {
            errors.append(
                FieldError(
                    "kind-1",
                    paymentOffered == nil
                        ? "Add at least one expense: choose what it was for and enter the amount."
                        : "Add at least one expense, or choose to take the involvement payment."))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return Claim(lines: lines, paymentPence: wants == true ? paymentOffered : nil, wantsPayment: wants)
    }

    /// One row, checked: its errors name the row's fields ("amount-2").
    public static func line(_ row: ExpenseLineInput, number: Int) -> Result<ExpenseLine, ValidationFailure> {
        var errors: [FieldError] = []
        let amountText = row.amount.trimmingWhitespace()
        let milesText = row.miles.trimmingWhitespace()
        let note = row.note.trimmingWhitespace()
        let which = "line \(number)"
        guard let kind = ExpenseKind(rawValue: row.kind) else {
            return .failure(
                ValidationFailure([FieldError("kind-\(number)", "Choose what \(which) was for, or clear the line.")]))
        }
        var pence: Int?
        var tenths: Int?
        if kind == .mileage {
            if !amountText.isEmpty {
                errors.append(
                    FieldError(
                        "amount-\(number)",
                        "For mileage on \(which), enter the miles, not pounds: we work out the amount at \(mileagePencePerMile)p a mile."
                    ))
            }
            if milesText.isEmpty {
                errors.append(FieldError("miles-\(number)", "Enter how many miles you drove for \(which), like 12."))
            } else if case .success(let read) = Fixed.read(milesText, decimals: 1), read > 0 {
                if read > mostMiles * 10 {
                    errors.append(
                        FieldError(
                            "miles-\(number)",
                            "Check the miles on \(which): \(ExpenseLine.milesText(read)) is more than one journey could be (up to \(mostMiles.formatted)). If it is right, contact the team."
                        ))
                } else {
                    tenths = read
                    // Rounded to the nearest penny, halves up.
                    pence = (read * mileagePencePerMile + 5) / 10
                }
            } else {
                let message: String
                switch Fixed.read(milesText, decimals: 1) {
                case .failure(.decimalComma):
                    message = "Use a full stop for part of a mile on \(which), like 12.5: a comma is not read as one."
                case .failure(.tooManyDecimals):
                    message = "Enter the miles for \(which) with one decimal place at most, like 12.5."
                case .failure(.tooLarge):
                    message =
                        "Check the miles on \(which): one journey can be up to \(mostMiles.formatted) miles. If it is right, contact the team."
                default:
                    message =
                        "Enter the miles for \(which) as a number more than 0, like 12 or 12.5, without \"miles\" or a pound sign."
                }
                errors.append(FieldError("miles-\(number)", message))
            }
        } else {
            if !milesText.isEmpty {
                errors.append(
                    FieldError(
                        "miles-\(number)",
                        "Miles are only for driving your own car: leave them empty on \(which), or choose mileage."))
            }
            if amountText.isEmpty {
                errors.append(FieldError("amount-\(number)", "Enter the amount for \(which) in pounds, like 4.50."))
            } else if case .success(let read) = Pence.read(amountText), read > 0 {
                if read > mostForOneLinePence {
                    errors.append(
                        FieldError(
                            "amount-\(number)",
                            "Check the amount on \(which): \(Pence.text(read)) is more than one line can be (up to \(Pence.text(mostForOneLinePence))). If it is right, contact the team."
                        ))
                } else {
                    pence = read
                }
            } else {
                let problem: Fixed.Problem
                if case .failure(let read) = Pence.read(amountText) { problem = read } else { problem = .notANumber }
                errors.append(
                    FieldError(
                        "amount-\(number)",
                        Pence.problemText(
                            problem, what: "the amount for \(which)", example: "4.50", most: mostForOneLinePence)))
            }
        }
        if kind == .other && note.isEmpty {
            errors.append(FieldError("note-\(number)", "Say what \(which) was for."))
        } else if let pence, pence > noteNeededAbovePence, note.isEmpty {
            errors.append(
                FieldError(
                    "note-\(number)",
                    "Say what \(which) was for: a line over \(Pence.text(noteNeededAbovePence)) needs a note."))
        } else if note.count > noteLimit {
            errors.append(
                FieldError(
                    "note-\(number)",
                    "Keep the note on \(which) to \(noteLimit) characters or fewer: it is \(note.count.formatted) now.")
            )
        }
        guard errors.isEmpty, let pence else { return .failure(ValidationFailure(errors)) }
        return .success(ExpenseLine(kind: kind, pence: pence, tenthsOfMile: tenths, note: note))
    }

    /// Why staff cannot move a claim from `from` to `to`, or nil when they can. A rejection needs the reason
    /// the person will read; marking paid needs the day, not in the future nor before the activity, nor before
    /// the claim was approved (`decidedOn`), so claimed ≤ decided ≤ paid always holds.
    public static func decisionProblem(
        from: ExpenseClaimStatus, to: ExpenseClaimStatus, reason: String, paidOn: String, heldOn: SimpleDate,
        decidedOn: SimpleDate? = nil, today: SimpleDate
    ) -> FieldError? {
        switch (from, to) {
        case (.submitted, .approved): return nil
        case (.submitted, .rejected):
            let reason = reason.trimmingWhitespace()
            if reason.isEmpty {
                return FieldError("reason", "Enter the reason it is not approved: the person will read it.")
            }
            if reason.count > reasonLimit {
                return FieldError(
                    "reason",
                    "Keep the reason to \(reasonLimit.formatted) characters or fewer: it is \(reason.count.formatted) now."
                )
            }
            return nil
        case (.approved, .paid):
            guard let day = SimpleDate(iso: paidOn.trimmingWhitespace()) else {
                return FieldError("paid_on", "Enter the day it was paid as a real date, for example \(today.iso).")
            }
            if day > today { return FieldError("paid_on", "The day it was paid cannot be in the future.") }
            if day < heldOn {
                return FieldError("paid_on", "The day it was paid cannot be before the activity, \(heldOn.ukText).")
            }
            if let decidedOn, day < decidedOn {
                return FieldError(
                    "paid_on", "The day it was paid cannot be before it was approved, \(decidedOn.ukText).")
            }
            return nil
        default:
            return FieldError(
                "status", "This claim is \(from.title.lowercased()), so it cannot be marked \(to.rawValue) now.")
        }
    }
}
