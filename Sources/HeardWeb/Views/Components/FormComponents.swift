import HeardDomain

/// Form parts that follow the GOV.UK Design System patterns: label, hint, error message, input,
/// linked by id so screen readers announce them together, and the person's input kept on error.
enum FormComponents {
    static func fieldID(_ name: String) -> String { "field-" + name }

    /// "There is a problem" box at the top of a form; each message links to its field.
    static func errorSummary(_ failure: ValidationFailure?) -> HTMLNode {
        guard let failure, !failure.errors.isEmpty else { return .empty }
        return div(
            .class("error-summary"), .aria("labelledby", "error-summary-title"), .role("alert"), .tabindex(-1)
        ) {
            h2(.id("error-summary-title"), .class("error-summary-title")) { "There is a problem" }
            ul(.class("error-summary-list")) {
                for error in failure.errors {
                    li { a(.href("#" + fieldID(error.field))) { error.message } }
                }
            }
        }
    }

    static func csrfField(_ token: String) -> HTMLNode {
        input(.type("hidden"), .name(CSRFMiddleware.fieldName), .value(token))
    }

    static func textField(
        name: String, label labelText: String, value: String, failure: ValidationFailure?, hint: String? = nil,
        type: String = "text", autocomplete: String? = nil, required: Bool = true, width: String = "full"
    ) -> HTMLNode {
        let id = fieldID(name)
        let error = failure?.message(for: name)
        var described: [String] = []
        if hint != nil { described.append(id + "-hint") }
        if error != nil { described.append(id + "-error") }
        var attributes: [HTMLAttribute] = [
            .id(id), .name(name), .type(type), .value(value),
            .class("input input-\(width)" + (error != nil ? " input-error" : "")),
        ]
        if let autocomplete { attributes.append(.autocomplete(autocomplete)) }
        if !described.isEmpty { attributes.append(.aria("describedby", described.joined(separator: " "))) }
        if error != nil { attributes.append(.aria("invalid", "true")) }
        if required { attributes.append(HTMLAttribute("aria-required", "true")) }
        return div(.class("form-group" + (error != nil ? " form-group-error" : ""))) {
            label(.for(id), .class("label")) { labelText }
            if let hint { div(.id(id + "-hint"), .class("hint")) { hint } }
            if let error {
                p(.id(id + "-error"), .class("error-message")) {
                    span(.class("visually-hidden")) { "Error: " }; error
                }
            }
            input(attributes)
        }
    }

    /// `required` adds aria-required (not the HTML attribute: forms are `novalidate`, the server says what is
    /// missing), so screen readers announce the field as needed before it is sent. `id` replaces the field id when
    /// one page repeats the form, so ids stay unique.
    static func textArea(
        name: String, label labelText: String, value: String, failure: ValidationFailure?, hint: String? = nil,
        rows: Int = 5, required: Bool = false, id: String? = nil
    ) -> HTMLNode {
        let id = id ?? fieldID(name)
        let error = failure?.message(for: name)
        var attributes: [HTMLAttribute] = [
            .id(id), .name(name), HTMLAttribute("rows", String(rows)),
            .class("textarea" + (error != nil ? " input-error" : "")), .dirAuto,
        ]
        if required { attributes.append(.aria("required", "true")) }
        let described = [hint != nil ? id + "-hint" : nil, error != nil ? id + "-error" : nil].compactMap { $0 }
        if !described.isEmpty { attributes.append(.aria("describedby", described.joined(separator: " "))) }
        if error != nil { attributes.append(.aria("invalid", "true")) }
        return div(.class("form-group" + (error != nil ? " form-group-error" : ""))) {
            label(.for(id), .class("label")) { labelText }
            if let hint { div(.id(id + "-hint"), .class("hint")) { hint } }
            if let error {
                p(.id(id + "-error"), .class("error-message")) {
                    span(.class("visually-hidden")) { "Error: " }; error
                }
            }
            HTMLNode.element("textarea", attributes, children: [.text(value)])
        }
    }

    struct Choice {
        var value: String
        var label: String
    }

    static func selectField(
        name: String, label labelText: String, choices: [Choice], selected: String, failure: ValidationFailure?,
        hint: String? = nil, prompt: String? = "Select one"
    ) -> HTMLNode {
        let id = fieldID(name)
        let error = failure?.message(for: name)
        var attributes: [HTMLAttribute] = [
            .id(id), .name(name), .class("select" + (error != nil ? " input-error" : "")),
        ]
        let described = [hint != nil ? id + "-hint" : nil, error != nil ? id + "-error" : nil].compactMap { $0 }
        if !described.isEmpty { attributes.append(.aria("describedby", described.joined(separator: " "))) }
        if error != nil { attributes.append(.aria("invalid", "true")) }
        var options: [HTMLNode] = []
        if let prompt { options.append(option(.value("")) { prompt }) }
        for choice in choices {
            options.append(
                choice.value == selected
                    ? option(.value(choice.value), .selected) { choice.label }
                    : option(.value(choice.value)) { choice.label })
        }
        return div(.class("form-group" + (error != nil ? " form-group-error" : ""))) {
            label(.for(id), .class("label")) { labelText }
            if let hint { div(.id(id + "-hint"), .class("hint")) { hint } }
            if let error {
                p(.id(id + "-error"), .class("error-message")) {
                    span(.class("visually-hidden")) { "Error: " }; error
                }
            }
            HTMLNode.element("select", attributes, children: options)
        }
    }

    static func submitButton(_ text: String) -> HTMLNode {
        button(.type("submit"), .class("button")) { text }
    }
}

extension FormComponents {
    /// A group of radio buttons in a fieldset whose legend asks the question.
    static func radios(
        name: String, legend legendText: String, choices: [Choice], selected: String, failure: ValidationFailure?,
        hint: String? = nil, inline: Bool = false
    ) -> HTMLNode {
        let id = fieldID(name)
        var items: [HTMLNode] = []
        for (index, choice) in choices.enumerated() {
            // The first radio carries the field id so the error summary link lands on the group.
            let radioID = index == 0 ? id : "\(id)-\(index + 1)"
            var attributes: [HTMLAttribute] = [
                .id(radioID), .name(name), .type("radio"), .value(choice.value), .class("radio-input"),
            ]
            if choice.value == selected { attributes.append(.checked) }
            items.append(
                div(.class("radio")) {
                    input(attributes)
                    label(.for(radioID), .class("radio-label")) { choice.label }
                })
        }
        return fieldset(
            id: id, legend: legendText, hint: hint, error: failure?.message(for: name),
            content: [div(.class(inline ? "radios radios-inline" : "radios"), content: { items })])
    }

    /// A group of choices under one question: the legend, then its hint and error (tied to the group by
    /// aria-describedby, with ids from `id`), then the choices.
    static func fieldset(
        id: String, legend legendText: String, hint: String?, error: String?, content: [HTMLNode]
    )
        -> HTMLNode
    {
        let described = [hint != nil ? id + "-hint" : nil, error != nil ? id + "-error" : nil].compactMap { $0 }
        var fieldsetAttributes: [HTMLAttribute] = [.class("fieldset")]
        if !described.isEmpty { fieldsetAttributes.append(.aria("describedby", described.joined(separator: " "))) }
        var children: [HTMLNode] = [legend(.class("legend")) { legendText }]
        if let hint { children.append(div(.id(id + "-hint"), .class("hint")) { hint }) }
        if let error {
            children.append(
                p(.id(id + "-error"), .class("error-message")) {
                    span(.class("visually-hidden")) { "Error: " }
                    error
                })
        }
        return div(.class("form-group" + (error != nil ? " form-group-error" : ""))) {
            HTMLNode.element("fieldset", fieldsetAttributes, children: children + content)
        }
    }

    /// With `failure`, an error for `name` is shown above the box and tied to it (aria-invalid,
    /// aria-describedby), like every other field (WCAG 3.3.1).
    static func checkbox(
        name: String, label labelText: String, checked: Bool, hint: String? = nil, value: String = "yes",
        failure: ValidationFailure? = nil
    ) -> HTMLNode {
        let id = fieldID(name)
        let error = failure?.message(for: name)
        var attributes: [HTMLAttribute] = [
            .id(id), .name(name), .type("checkbox"), .value(value), .class("checkbox-input"),
        ]
        if checked { attributes.append(.checked) }
        let described = [hint != nil ? id + "-hint" : nil, error != nil ? id + "-error" : nil].compactMap { $0 }
        if !described.isEmpty { attributes.append(.aria("describedby", described.joined(separator: " "))) }
        if error != nil { attributes.append(.aria("invalid", "true")) }
        return div(.class("form-group" + (error != nil ? " form-group-error" : ""))) {
            if let error {
                p(.id(id + "-error"), .class("error-message")) {
                    span(.class("visually-hidden")) { "Error: " }; error
                }
            }
            div(.class("checkbox")) {
                input(attributes)
                label(.for(id), .class("checkbox-label")) { labelText }
                if let hint { div(.id(id + "-hint"), .class("hint")) { hint } }
            }
        }
    }
}
