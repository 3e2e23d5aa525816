import CairnTestSupport
import Foundation
import Testing

/// The pages in a real browser: headless Chromium driven over WebDriver against a real server,
/// signing in through the form and clicking through what a learner, a registrar and HR do, with
/// accessibility smoke checks on every page. With `CAIRN_WRITE_SCREENSHOTS=1` the screenshots of
/// the three main pages go to `docs/screenshots/`; otherwise to a temporary folder.
@Suite(.serialized, .timeLimit(.minutes(5)), .enabled(if: WebDriver.isAvailable,
                             "needs Chromium and chromedriver (Debian: apt-get install chromium chromium-driver)"))
struct BrowserTests {
    static let pathwayTitle = "Data Analysis: Foundations"
    static let pathwayPath = "/learner/ada/pathways/data-analysis-foundations"

    // MARK: Learner

    @Test func learnerSignsInFollowsAPathwayUploadsACredentialAndAsksWhatIf() async throws {
        try await Self.visit { page in
            try await page.signIn(as: "ada")
            #expect(try await page.browser.currentPath() == "/learner/ada")
            #expect(try await page.text("h1") == "ada")

            // The pathway, from its link on the overview.
            try await page.browser.click(try await page.browser.findLink(Self.pathwayTitle))
            try await page.browser.waitForPath(Self.pathwayPath)
            #expect(try await page.text("h1") == Self.pathwayTitle)
            #expect(try await page.browser.findAll(".tree svg[role=img]").count == 1)
            #expect(try await page.text("#plan-h") == "Cheapest way to finish")
            let stepsBefore = try await page.texts("ol.steps > li strong")
            #expect(!stepsBefore.isEmpty)
            #expect(stepsBefore.contains("SQL Querying"))
            let before = try await page.progress()
            #expect(try await page.requirementStatus(containing: "SQL") == "Not met")

            // Back to the overview, and upload Amara's SQL credential (its recipient is ada here).
            try await page.browser.back()
            try await page.browser.waitForPath("/learner/ada")
            let file = page.server.folder.appendingPathComponent("Pathways/learners/credentials/amara/sql-querying.json")
            try await page.browser.upload(try await page.browser.find("input[type=file]#credential"), file: file)
            try await page.browser.click(try await page.browser.find("form[enctype='multipart/form-data'] button[type=submit]"))
            try await page.browser.wait("the upload's notice") { try await !page.browser.findAll(".notice").isEmpty }
            let notice = try await page.text(".notice")
            #expect(notice.contains("SQL Querying: verified, it counts"), "\(notice)")
            #expect(try await page.attribute(".notice", "class")?.contains("good") == true)
            #expect(try await page.texts("table tbody tr td:first-child").contains("SQL Querying"))

            // The pathway again: further along, the SQL requirement met and no longer in the plan.
            try await page.browser.click(try await page.browser.findLink(Self.pathwayTitle))
            try await page.browser.waitForPath(Self.pathwayPath)
            let after = try await page.progress()
            #expect(after > before, "progress \(before)% → \(after)%")
            #expect(try await page.requirementStatus(containing: "SQL") == "Met")
            let steps = try await page.texts("ol.steps > li strong")
            #expect(!steps.contains("SQL Querying"))
            #expect(steps.count < stepsBefore.count)
            try await page.audit()

            // What if ada earned the plan's first badge: the plan is one step shorter without it.
            let assumed = try #require(steps.first)
            var ticked = false
            for label in try await page.browser.findAll(".checks label") {
                guard try await page.browser.text(label) == assumed else { continue }
                try await page.browser.click(try await page.browser.find("input[type=checkbox]", in: label))
                ticked = true
            }
            #expect(ticked, "no what-if box for \(assumed)")
            try await page.browser.click(try await page.browser.find("fieldset button[type=submit]"))
            try await page.browser.waitForPath(Self.pathwayPath + "?")
            #expect(try await page.browser.currentPath().contains("assume="))
            let whatIf = try await page.texts("ol.steps > li strong")
            #expect(whatIf.count < steps.count, "\(steps) → \(whatIf)")
            #expect(!whatIf.contains(assumed))
            #expect(try await page.browser.execute("return document.querySelector('.checks input:checked')?.parentElement.textContent.trim()")
                    as? String == assumed)
        }
    }

    /// Chen holds everything but a lapsed SQL badge and a memo earned too early: the page says
    /// why each did not count, and the plan renews the one and earns the other again.
    @Test func aLearnerSeesWhyABadgeDidNotCountAndWhatRenewsIt() async throws {
        try await Self.visit { page in
            try await page.signIn(as: "chen")
            try await page.browser.click(try await page.browser.findLink(Self.pathwayTitle))
            try await page.browser.waitForPath("/learner/chen/pathways/data-analysis-foundations")
            #expect(try await page.progress() == 66)
            #expect(try await page.requirementStatus(containing: "SQL") == "Not met")
            #expect(try await page.requirementStatus(containing: "Spreadsheet") == "Met")
            let reasons = try await page.texts("ul.requirements .why")
            #expect(reasons.contains { $0.hasPrefix("Not counted: SQL Querying (lapsed: expired on 2026-02-28)") }, "\(reasons)")
            #expect(try await page.texts("ol.steps > li strong") == ["SQL Querying", "Findings Memo"])
            // What the plan proposes can be assumed in the what-if, the lapsed badge included.
            let offered = try await page.texts(".checks label")
            #expect(offered.contains("SQL Querying") && offered.contains("Findings Memo"), "\(offered)")
            try await page.audit()
            try await page.screenshot("learner")
        }
    }

    // MARK: Registrar

    @Test func registrarFiltersTheCohortAndRecordsADecision() async throws {
        try await Self.visit { page in
            try await page.signIn(as: "registrar")
            #expect(try await page.browser.currentPath() == "/registrar")
            #expect(try await page.text("h1") == "Cohort progress")
            try await page.browser.select(try await page.browser.find("select#pathway"), label: Self.pathwayTitle)
            try await page.browser.click(try await page.browser.find("form[action='/registrar'] button[type=submit]"))
            try await page.browser.waitForPath("/registrar?")
            let everyone = try await page.text("p[role=status]")
            let allRows = try await page.texts("table tbody td.col-status")
            #expect(Set(allRows).count > 1, "one status for everyone: \(allRows)")
            try await page.audit()
            try await page.screenshot("registrar")

            try await page.browser.select(try await page.browser.find("select#pathway"), label: Self.pathwayTitle)
            try await page.browser.select(try await page.browser.find("select#status"), label: "Complete")
            try await page.browser.click(try await page.browser.find("form[action='/registrar'] button[type=submit]"))
            try await page.browser.wait("the filtered cohort") { try await page.browser.currentPath().contains("status=complete") }
            try await page.browser.waitForPath("/registrar?")
            let statuses = try await page.texts("table tbody td.col-status")
            #expect(!statuses.isEmpty)
            #expect(statuses.allSatisfy { $0 == "Complete" }, "\(statuses)")
            let counted = try await page.text("p[role=status]")
            #expect(counted != everyone)
            #expect(counted.hasPrefix("Showing \(statuses.count) of "), "\(counted)")
            #expect(counted.hasSuffix("· \(statuses.count) complete"), "\(counted)")
            #expect(try await page.browser.isSelected(try await page.browser.find("select#status option[value=complete]")))

            // A learner's transcript, and a decision recorded in the log.
            let learner = try await page.text("table tbody tr:first-child td.col-learner")
            try await page.browser.click(try await page.browser.find("table tbody tr:first-child a[href^='/registrar/learners/']"))
            try await page.browser.waitForPath("/registrar/learners/\(learner)")
            #expect(try await page.text("h1").hasPrefix("Credit transcript: "))
            #expect(try await page.text("#history-h + p").contains("intact"))
            #expect(try await page.browser.findAll("section[aria-labelledby=history-h] tbody tr").isEmpty)
            try await page.audit()
            let record = try await page.browser.find("form[action$='/decisions'] button[type=submit]")
            #expect(try await page.browser.text(record) == "Record decision")
            try await page.browser.click(record)
            try await page.browser.wait("the decision's notice") { try await !page.browser.findAll(".notice.good").isEmpty }
            let notice = try await page.text(".notice")
            #expect(notice.hasPrefix("Recorded decision #"), "\(notice)")
            let number = notice.dropFirst("Recorded decision #".count).prefix { $0.isNumber }
            #expect(!number.isEmpty)
            let history = try await page.texts("section[aria-labelledby=history-h] tbody tr td:first-child")
            #expect(history == [String(number)], "\(history)")
            #expect(try await page.text("#history-h + p .status") == "intact")
            #expect(try await page.text("#history-h + p .meta").hasPrefix("1 decision, every link verified"))
        }
    }

    // MARK: HR

    @Test func hrRanksPeopleForARoleAndOpensOnesFit() async throws {
        try await Self.visit { page in
            try await page.signIn(as: "hr")
            #expect(try await page.browser.currentPath() == "/hr")
            #expect(try await page.browser.findAll("table").isEmpty)
            let role = try await page.browser.find("select#role")
            var chosen = ""
            for option in try await page.browser.findAll("option", in: role) {
                guard try await page.browser.text(option).lowercased().contains("data analyst") else { continue }
                chosen = try await page.browser.text(option)
                try await page.browser.click(option)
                break
            }
            #expect(!chosen.isEmpty, "no data analyst role")
            try await page.browser.click(try await page.browser.find("form[action='/hr'] button[type=submit]"))
            try await page.browser.waitForPath("/hr?role=")
            #expect(try await page.text("table caption").hasPrefix(chosen + ": "))
            let ranks = try await page.texts("table tbody td.col-rank").map { Int($0) }
            #expect(ranks.count > 1)
            #expect(ranks == Array(1...max(1, ranks.count)).map { Optional($0) }, "\(ranks)")
            let fits = try await page.texts("table tbody td.col-fit .bar-figure").compactMap { Int($0.dropLast()) }
            #expect(fits.count == ranks.count)
            #expect(fits == fits.sorted(by: >), "fit not descending: \(fits)")
            try await page.audit()
            try await page.screenshot("hr")

            let person = try await page.text("table tbody tr:first-child td.col-person")
            try await page.browser.click(try await page.browser.findLink(person))
            try await page.browser.waitForPath("/hr/learners/\(person)")
            #expect(try await page.text("h1") == "\(person): role fit")
            #expect(try await page.text("section h2") == chosen)
            #expect(try await page.text("section .meta").hasPrefix("Fit \(fits[0])%"))
            try await page.audit()
        }
    }

    // MARK: Access and signing out

    @Test func aLearnerCannotOpenAnotherLearnersPageAndSignsOut() async throws {
        try await Self.visit { page in
            // A mistyped token is refused on the sign-in page itself.
            try await page.browser.navigate(to: page.base + "/signin")
            try await page.browser.sendKeys(try await page.browser.find("#token"), "not-a-token")
            try await page.browser.click(try await page.browser.find("form[action='/signin'] button[type=submit]"))
            try await page.browser.wait("the refusal") { try await !page.browser.findAll(".notice.bad").isEmpty }
            #expect(try await page.text(".notice.bad").contains("not valid"))

            // A page that needs signing in sends there, and back after.
            try await page.browser.navigate(to: page.base + Self.pathwayPath)
            try await page.browser.waitForPath("/signin?next=")
            try await page.browser.sendKeys(try await page.browser.find("#token"), try #require(page.server.tokens["ada"]))
            try await page.browser.click(try await page.browser.find("form[action='/signin'] button[type=submit]"))
            try await page.browser.waitForPath(Self.pathwayPath)

            try await page.browser.navigate(to: page.base + "/learner/chen")
            #expect(try await page.text("h1") == "Forbidden")
            #expect(try await page.browser.title() == "Forbidden · Cairn")
            #expect(!(try await page.browser.source()).contains("Cheapest way"))
            try await page.audit()

            try await page.browser.navigate(to: page.base + "/learner/ada")
            try await page.browser.click(try await page.browser.find("form[action='/signout'] button[type=submit]"))
            try await page.browser.waitForPath("/signin")
            #expect(try await page.text("h1") == "Sign in")
            #expect(try await page.browser.findAll("form[action='/signout']").isEmpty)
            try await page.browser.navigate(to: page.base + "/learner/ada")
            try await page.browser.waitForPath("/signin?next=")
        }
    }

    // MARK: Accessibility

    @Test func everyPageHasLabelsOneHeadingALanguageAndAVisibleFocus() async throws {
        try await Self.visit { page in
            try await page.browser.navigate(to: page.base + "/signin")
            try await page.audit()
            try await page.checkKeyboard()
            try await page.browser.navigate(to: page.base + "/no/such/page")
            try await page.audit()
            try await page.signIn(as: "admin")
            let paths = ["/", "/learner/chen", "/learner/chen/pathways/data-analysis-foundations",
                         "/learner/chen/pathways/data-analysis-foundations?assume=data-cleaning&minimize=hours",
                         "/registrar", "/registrar?status=in-progress&sort=name", "/registrar/learners/chen",
                         "/hr", "/hr?role=junior-data-analyst", "/hr/learners/chen"]
            for path in paths {
                try await page.browser.navigate(to: page.base + path)
                try await page.audit()
            }
            try await page.checkKeyboard()
        }
    }

    // MARK: The harness

    /// A server, a browser, and what the tests ask of the page in front of them.
    struct Page {
        let server: TestServer
        let browser: WebDriver
        var base: String { "http://127.0.0.1:\(server.port)" }

        func signIn(as who: String) async throws {
            try await browser.navigate(to: base + "/signin")
            try await browser.sendKeys(try await browser.find("input#token"), try #require(server.tokens[who]))
            try await browser.click(try await browser.find("form[action='/signin'] button[type=submit]"))
            try await browser.wait("signing in as \(who)") { try await !browser.currentPath().hasPrefix("/signin") }
            try await browser.waitForPath("/")
        }

        func text(_ css: String) async throws -> String {
            try await browser.text(try await browser.find(css)).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func texts(_ css: String) async throws -> [String] {
            var texts: [String] = []
            for element in try await browser.findAll(css) {
                texts.append(try await browser.text(element).trimmingCharacters(in: .whitespacesAndNewlines))
            }
            return texts
        }

        func attribute(_ css: String, _ name: String) async throws -> String? {
            try await browser.attribute(try await browser.find(css), name)
        }

        /// The pathway page's progress, in percent.
        func progress() async throws -> Int {
            try #require(Int(try await attribute("main > progress", "value") ?? ""))
        }

        /// The status shown for the requirement whose label contains `label`.
        func requirementStatus(containing label: String) async throws -> String? {
            try await browser.execute("""
                for (const li of document.querySelectorAll('ul.requirements li')) {
                  const name = li.querySelector(':scope > strong');
                  if (name && name.textContent.includes(arguments[0])) return li.querySelector(':scope > .status').textContent.trim();
                }
                return null;
                """, [label]) as? String
        }

        /// Smoke checks of the page in front: a language, exactly one `<h1>` and no skipped
        /// heading level, a label for every form control, a name for every link, button and
        /// picture, unique ids, no inline style (the content security policy blocks them) and
        /// nothing blocked in the console, and text contrast of at least 4.5:1 (3:1 for large text).
        func audit(sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let path = try await browser.currentPath()
            let problems = try await browser.execute(Self.auditScript) as? [String] ?? ["the audit script failed"]
            #expect(problems.isEmpty, "\(path): \(problems.joined(separator: "; "))", sourceLocation: sourceLocation)
            let console = try await browser.consoleMessages().filter { $0.contains("Content Security Policy") || $0.contains("Refused") }
            #expect(console.isEmpty, "\(path): \(console)", sourceLocation: sourceLocation)
        }

        /// The first Tab reaches the skip link, which shows on screen with a focus outline.
        func checkKeyboard(sourceLocation: SourceLocation = #_sourceLocation) async throws {
            try await browser.execute("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
            try await browser.pressKeys("\u{E004}")
            let focus = try await browser.execute("""
                const a = document.activeElement, s = getComputedStyle(a), r = a.getBoundingClientRect();
                return [a.textContent.trim(), s.outlineStyle, parseFloat(s.outlineWidth), r.left >= 0 && r.top >= 0 && r.width > 0];
                """) as? [Any] ?? []
            #expect(focus.first as? String == "Skip to content", "\(focus)", sourceLocation: sourceLocation)
            #expect(focus.count == 4 && focus[1] as? String != "none" && (focus[2] as? NSNumber)?.doubleValue ?? 0 >= 2
                    && focus[3] as? Bool == true, "focus not visible: \(focus)", sourceLocation: sourceLocation)
        }

        /// Writes a full-page PNG to `docs/screenshots/NAME.png` when `CAIRN_WRITE_SCREENSHOTS=1`,
        /// else to a temporary folder.
        func screenshot(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let png = try await browser.fullPageScreenshot()
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), sourceLocation: sourceLocation)
            let folder = BrowserTests.screenshotFolder
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try png.write(to: folder.appendingPathComponent("\(name).png"))
        }

        static let auditScript = """
            const problems = [];
            const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
            if (!document.documentElement.getAttribute('lang')) problems.push('<html> has no lang');
            if (!document.title.trim()) problems.push('no <title>');
            const h1 = document.querySelectorAll('h1').length;
            if (h1 !== 1) problems.push(h1 + ' <h1> elements');
            let level = 0;
            for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
              const next = Number(h.tagName[1]);
              if (next > level + 1) problems.push('heading skips from h' + level + ' to ' + h.tagName + ' "' + h.textContent.trim() + '"');
              level = next;
            }
            for (const el of document.querySelectorAll('input, select, textarea')) {
              if (['hidden', 'submit', 'button', 'reset'].includes(el.type)) continue;
              const labels = Array.from(el.labels || []);
              if (!labels.some(l => l.textContent.trim())) problems.push('no label for ' + el.outerHTML.slice(0, 80));
            }
            for (const el of document.querySelectorAll('a, button')) {
              if (!visible(el)) continue;
              if (!(el.textContent.trim() || el.getAttribute('aria-label'))) problems.push('no name for ' + el.outerHTML.slice(0, 80));
            }
            for (const svg of document.querySelectorAll('svg')) {
              if (svg.getAttribute('role') !== 'img' || !(svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby')))
                problems.push('a picture without a name');
            }
            for (const table of document.querySelectorAll('table')) {
              if (!table.querySelector('th')) problems.push('a table without headers');
            }
            const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);
            for (const id of new Set(ids)) if (ids.filter(x => x === id).length > 1) problems.push('duplicate id ' + id);
            for (const el of document.querySelectorAll('[style]')) problems.push('inline style on <' + el.tagName.toLowerCase() + '>');
            const rgba = text => { const m = text.match(/[\\d.]+/g) || [0, 0, 0, 0]; return m.map(Number).concat(m.length < 4 ? [1] : []); };
            const luminance = c => {
              const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const background = el => {
              for (let e = el; e; e = e.parentElement) {
                const c = rgba(getComputedStyle(e).backgroundColor);
                if (c[3] > 0.5) return c;
              }
              return [255, 255, 255, 1];
            };
            const seen = new Set();
            for (const el of document.body.querySelectorAll('*')) {
              if (el.closest('svg') || !visible(el)) continue;
              const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
              if (!own) continue;
              const style = getComputedStyle(el);
              const fg = rgba(style.color), bg = background(el);
              let opacity = 1;
              for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
              const mixed = fg.slice(0, 3).map((v, i) => v * fg[3] * opacity + bg[i] * (1 - fg[3] * opacity));
              const [hi, lo] = [luminance(mixed), luminance(bg)].sort((a, b) => b - a);
              const ratio = (hi + 0.05) / (lo + 0.05);
              const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
              const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
              if (ratio < needed) {
                const what = el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '');
                if (!seen.has(what)) problems.push('contrast ' + ratio.toFixed(2) + ' for ' + what + ' "' + el.textContent.trim().slice(0, 30) + '"');
                seen.add(what);
              }
            }
            return problems;
            """
    }

    static var screenshotFolder: URL {
        if ProcessInfo.processInfo.environment["CAIRN_WRITE_SCREENSHOTS"] == "1" {
            return CairnProcess.packageRoot.appendingPathComponent("docs/screenshots")
        }
        return FileManager.default.temporaryDirectory.appendingPathComponent("cairn-screenshots")
    }

    /// Runs `body` with a fresh server and a fresh browser, and stops both after.
    static func visit(_ body: (Page) async throws -> Void) async throws {
        let server = try await TestServer.start()
        do {
            try await WebDriver.session { browser in try await body(Page(server: server, browser: browser)) }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
