using Toolshed.Core.Errors;

namespace Toolshed.Runtime.Docker.Engine;

/// <summary>The engine refused an operation. Inside the Docker runtime its <see cref="Refusal"/> decides what to do
/// (a removal of something already gone is done); outside it is a <see cref="ContainerEngineException"/> like any
/// other, so an engine 404 or 409 never reaches a user as the API's own 404 or 409.</summary>
internal sealed class EngineRefusedException(string message, EngineRefusal refusal, Exception innerException)
    : ContainerEngineException(message, innerException: innerException)
{
    public EngineRefusal Refusal { get; } = refusal;
}
