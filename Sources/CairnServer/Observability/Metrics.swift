import Metrics
import Prometheus

/// The process's Prometheus registry. swift-metrics has one metrics system per process, so it
/// is bootstrapped once, the first time a server starts, and every server of the process
/// (tests start several) reports into it.
enum ServerMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// The metrics in Prometheus's text format.
    static func text() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
