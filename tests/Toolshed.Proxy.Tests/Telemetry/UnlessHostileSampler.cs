using OpenTelemetry.Trace;

namespace Toolshed.Proxy.Tests.Telemetry;

/// <summary>Records every span but those of the cardinality test's made-up tools (named <c>hostile-…</c>), which
/// would otherwise fill every capture's in-memory list and hide what the test measures.</summary>
internal sealed class UnlessHostileSampler : Sampler
{
    public const string Prefix = "hostile-";

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Name.Contains(" " + Prefix, StringComparison.Ordinal)
            ? new SamplingResult(SamplingDecision.Drop)
            : new SamplingResult(SamplingDecision.RecordAndSample);
}
