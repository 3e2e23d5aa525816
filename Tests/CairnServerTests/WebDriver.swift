import CairnTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal W3C WebDriver client: it starts `chromedriver` on a free loopback port, opens a
/// headless Chromium session, and speaks the protocol's JSON over `HTTPClient`, whose blocking
/// calls run on threads of their own (the server under test, in this process, keeps the Swift
/// concurrency pool). Foundation's URLSession cannot talk to chromedriver: it refuses the
/// driver's header lines, which have no space after the colon.
///
/// Use it through `WebDriver.session { browser in … }`, which always ends the session and the
/// driver, even when a test fails.
final class WebDriver {
    /// A reference to an element on the current page.
    struct Element: Sendable, CustomStringConvertible {
        let id: String
        var description: String { "element \(id)" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The key W3C WebDriver names an element reference by.
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    static let chromiumCandidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    static let driverCandidates = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver", "/usr/local/bin/chromedriver"]

    /// The browser binary: `CAIRN_CHROMIUM`, or the first one installed where Debian puts it.
    static var chromium: String? {
        locate(ProcessInfo.processInfo.environment["CAIRN_CHROMIUM"], chromiumCandidates)
    }

    /// The driver binary: `CAIRN_CHROMEDRIVER`, or the first one installed.
    static var chromedriver: String? {
        locate(ProcessInfo.processInfo.environment["CAIRN_CHROMEDRIVER"], driverCandidates)
    }

    static var isAvailable: Bool { chromium != nil && chromedriver != nil }

    private static func locate(_ chosen: String?, _ candidates: [String]) -> String? {
        if let chosen, !chosen.isEmpty { return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let port: Int
    let sessionID: String
    private let driver: Process
    private var ended = false

    private init(port: Int, sessionID: String, driver: Process) {
        self.port = port
        self.sessionID = sessionID
        self.driver = driver
    }

    /// Runs `body` with a fresh headless browser, then ends the session and the driver.
    static func session<T>(width: Int = 1280, height: Int = 1600, _ body: (WebDriver) async throws -> T) async throws -> T {
        let browser = try await start(width: width, height: height)
        do {
            let result = try await body(browser)
            await browser.quit()
            return result
        } catch {
            await browser.quit()
            throw error
        }
    }

    /// Starts `chromedriver --port=N` and opens a session with headless Chromium.
    static func start(width: Int = 1280, height: Int = 1600) async throws -> WebDriver {
        guard let chromium, let chromedriver else { throw Failure("chromium or chromedriver is not installed") }
        let port = try freePort()
        let driver = Process()
        driver.executableURL = URL(fileURLWithPath: chromedriver)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1", "--log-level=SEVERE"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        driver.standardInput = FileHandle.nullDevice
        try driver.run()
        do {
            // Wait until the driver answers its status, for up to 20 seconds.
            var ready = false
            var problem = "no answer"
            for _ in 0..<200 {
                do {
                    let reply = try await send(port: port, "GET", "/status", body: nil)
                    let value = reply.json as? [String: Any]
                    if (value?["value"] as? [String: Any])?["ready"] as? Bool == true {
                        ready = true
                        break
                    }
                    problem = "HTTP \(reply.status): \(reply.text)"
                } catch {
                    problem = "\(error)"
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            guard ready else { throw Failure("chromedriver did not start on port \(port): \(problem)") }
            let capabilities: [String: Any] = [
                "capabilities": [
                    "alwaysMatch": [
                        "browserName": "chrome",
                        "pageLoadStrategy": "normal",
                        "goog:loggingPrefs": ["browser": "ALL"],
                        // The driver answers every command within these bounds (milliseconds).
                        "timeouts": ["pageLoad": 60_000, "script": 30_000, "implicit": 0],
                        "goog:chromeOptions": [
                            "binary": chromium,
                            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=\(width),\(height)",
                                     "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-GB",
                                     "--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage"],
                        ] as [String: Any],
                    ] as [String: Any],
                ],
            ]
            let value = try await command(port: port, "POST", "/session", capabilities)
            guard let session = (value as? [String: Any])?["sessionId"] as? String else {
                throw Failure("chromedriver opened no session: \(String(describing: value))")
            }
            return WebDriver(port: port, sessionID: session, driver: driver)
        } catch {
            await stop(driver, port: port)
            throw error
        }
    }

    /// Ends the session (closing the browser) and stops the driver.
    func quit() async {
        guard !ended else { return }
        ended = true
        _ = try? await Self.send(port: port, "DELETE", "/session/\(sessionID)", body: nil)
        await Self.stop(driver, port: port)
    }

    /// Asks the driver to shut down, then sends SIGTERM, then SIGKILL, a few seconds apart.
    private static func stop(_ driver: Process, port: Int) async {
        _ = try? await send(port: port, "GET", "/shutdown", body: nil)
        for signal in [0, SIGTERM, SIGKILL] {
            if signal != 0 && driver.isRunning { kill(driver.processIdentifier, signal) }
            for _ in 0..<50 where driver.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
            if !driver.isRunning { break }
        }
        if !driver.isRunning { driver.waitUntilExit() }
    }

    // MARK: Navigation

    func navigate(to url: String) async throws {
        try await call("POST", "url", ["url": url])
    }

    func back() async throws {
        try await call("POST", "back", [:])
    }

    func currentURL() async throws -> String {
        try await call("GET", "url") as? String ?? ""
    }

    /// The current URL's path and query, without the scheme and host.
    func currentPath() async throws -> String {
        guard let url = URLComponents(string: try await currentURL()) else { return "" }
        return url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    func title() async throws -> String {
        try await call("GET", "title") as? String ?? ""
    }

    /// The page's HTML as the browser holds it now.
    func source() async throws -> String {
        try await call("GET", "source") as? String ?? ""
    }

    // MARK: Elements

    /// The first element matching a CSS selector (in `scope`, or the whole page).
    func find(_ css: String, in scope: Element? = nil) async throws -> Element {
        let path = scope.map { "element/\($0.id)/element" } ?? "element"
        let value = try await call("POST", path, ["using": "css selector", "value": css])
        guard let id = (value as? [String: Any])?[Self.elementKey] as? String else { throw Failure("no element for \(css)") }
        return Element(id: id)
    }

    /// The first link whose text is `text`, as a person finds it.
    func findLink(_ text: String) async throws -> Element {
        let value = try await call("POST", "element", ["using": "link text", "value": text])
        guard let id = (value as? [String: Any])?[Self.elementKey] as? String else { throw Failure("no link \(text)") }
        return Element(id: id)
    }

    /// Every element matching a CSS selector (in `scope`, or the whole page), in document order.
    func findAll(_ css: String, in scope: Element? = nil) async throws -> [Element] {
        let path = scope.map { "element/\($0.id)/elements" } ?? "elements"
        let value = try await call("POST", path, ["using": "css selector", "value": css])
        return (value as? [[String: Any]] ?? []).compactMap { ($0[Self.elementKey] as? String).map(Element.init) }
    }

    func click(_ element: Element) async throws {
        try await call("POST", "element/\(element.id)/click", [:])
    }

    func clear(_ element: Element) async throws {
        try await call("POST", "element/\(element.id)/clear", [:])
    }

    /// Types `text` into an element; for an `<input type=file>`, `text` is the path of a local file to upload.
    func sendKeys(_ element: Element, _ text: String) async throws {
        try await call("POST", "element/\(element.id)/value", ["text": text])
    }

    /// Chooses a local file in an `<input type=file>`.
    func upload(_ element: Element, file: URL) async throws {
        try await sendKeys(element, file.path)
    }

    /// The element's rendered text.
    func text(_ element: Element) async throws -> String {
        try await call("GET", "element/\(element.id)/text") as? String ?? ""
    }

    func attribute(_ element: Element, _ name: String) async throws -> String? {
        try await call("GET", "element/\(element.id)/attribute/\(name)") as? String
    }

    func property(_ element: Element, _ name: String) async throws -> Any? {
        try await call("GET", "element/\(element.id)/property/\(name)")
    }

    func tagName(_ element: Element) async throws -> String {
        try await call("GET", "element/\(element.id)/name") as? String ?? ""
    }

    func isSelected(_ element: Element) async throws -> Bool {
        try await call("GET", "element/\(element.id)/selected") as? Bool ?? false
    }

    /// The element that has the keyboard focus.
    func activeElement() async throws -> Element {
        let value = try await call("GET", "element/active")
        guard let id = (value as? [String: Any])?[Self.elementKey] as? String else { throw Failure("no active element") }
        return Element(id: id)
    }

    /// Picks the `<option>` whose text is `label` in a `<select>`, as a person would.
    func select(_ select: Element, label: String) async throws {
        for option in try await findAll("option", in: select) {
            guard try await text(option) == label else { continue }
            try await click(option)
            return
        }
        throw Failure("no option \(label)")
    }

    // MARK: Scripts and keys

    /// Runs a script in the page (as the driver does, outside the page's content security policy)
    /// and returns its result: strings, numbers, booleans, arrays and objects as JSON gives them.
    @discardableResult
    func execute(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        let value = try await call("POST", "execute/sync", ["script": script, "args": arguments])
        return value is NSNull ? nil : value
    }

    /// Presses keys (e.g. "\u{E004}" is Tab) on whatever has the focus.
    func pressKeys(_ keys: String) async throws {
        let down = keys.unicodeScalars.map { ["type": "keyDown", "value": String($0)] }
        let up = keys.unicodeScalars.map { ["type": "keyUp", "value": String($0)] }
        let actions: [[String: Any]] = [["type": "key", "id": "keyboard", "actions": zip(down, up).flatMap { [$0, $1] }]]
        try await call("POST", "actions", ["actions": actions])
        try await call("DELETE", "actions")
    }

    /// The browser console's messages since the last call (Chromium's log, which also reports
    /// what the content security policy blocked).
    func consoleMessages() async throws -> [String] {
        let entries = try await call("POST", "se/log", ["type": "browser"]) as? [[String: Any]] ?? []
        return entries.compactMap { $0["message"] as? String }
    }

    // MARK: Waiting

    /// Polls `condition` until it holds, for up to `timeout` seconds.
    func wait(_ what: String, timeout: Double = 15, until condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if (try? await condition()) == true { return }
            guard Date() < deadline else { throw Failure("timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Waits until the browser shows a page whose path starts with `prefix` and has loaded.
    func waitForPath(_ prefix: String, timeout: Double = 15) async throws {
        try await wait("a page at \(prefix)", timeout: timeout) {
            guard try await currentPath().hasPrefix(prefix) else { return false }
            return try await execute("return document.readyState") as? String == "complete"
        }
    }

    // MARK: Window and screenshots

    func setWindow(width: Int, height: Int) async throws {
        try await call("POST", "window/rect", ["width": width, "height": height])
    }

    func windowSize() async throws -> (width: Int, height: Int) {
        let rect = try await call("GET", "window/rect") as? [String: Any] ?? [:]
        return ((rect["width"] as? NSNumber)?.intValue ?? 0, (rect["height"] as? NSNumber)?.intValue ?? 0)
    }

    /// A PNG of the viewport.
    func screenshot() async throws -> Data {
        guard let base64 = try await call("GET", "screenshot") as? String, let png = Data(base64Encoded: base64) else {
            throw Failure("the screenshot was not base64")
        }
        return png
    }

    /// A PNG of the whole page: the window is made as tall as the document for the shot, then
    /// given its size back.
    func fullPageScreenshot(width: Int = 1280) async throws -> Data {
        let saved = try await windowSize()
        // The document's own height, not the viewport's (which a short page is stretched to).
        let sizes = try await execute("""
            return [Math.ceil(document.documentElement.getBoundingClientRect().height), window.outerHeight - window.innerHeight]
            """) as? [Any] ?? []
        let documentHeight = (sizes.first as? NSNumber)?.intValue ?? saved.height
        let chrome = max(0, (sizes.last as? NSNumber)?.intValue ?? 0)
        try await setWindow(width: width, height: max(documentHeight + chrome, 400))
        let png = try await screenshot()
        try await setWindow(width: saved.width, height: saved.height)
        return png
    }

    // MARK: Protocol

    /// A command in this session: `path` is relative to `/session/{id}/`.
    @discardableResult
    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        try await Self.command(port: port, method, "/session/\(sessionID)/\(path)", body)
    }

    /// Sends one command and returns its `value`, or throws the driver's error.
    private static func command(port: Int, _ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any? {
        let bytes = try body.map { Array(try JSONSerialization.data(withJSONObject: $0)) }
        let reply = try await send(port: port, method, path, body: bytes)
        let json = reply.json as? [String: Any]
        let value = json?["value"]
        if reply.status >= 400 || reply.status < 200 {
            let detail = value as? [String: Any]
            throw Failure("\(method) \(path): \(detail?["error"] as? String ?? "HTTP \(reply.status)"): "
                          + "\((detail?["message"] as? String)?.split(separator: "\n").first.map(String.init) ?? reply.text)")
        }
        return value
    }

    /// One HTTP exchange with the driver.
    private static func send(port: Int, _ method: String, _ path: String, body: [UInt8]?) async throws -> HTTPClient.Reply {
        let headers = body == nil ? [:] : ["Content-Type": "application/json; charset=utf-8"]
        return try await HTTPClient(port: port).sendAsync(method, path, headers: headers, body: body ?? [])
    }

    /// A loopback port nothing listens on now.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure("socket failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
