namespace Toolshed.Core.Packages;

/// <summary>The package ecosystems a workload can come from, each named by the launcher people use for it.</summary>
public enum PackageEcosystem
{
    /// <summary><c>npx://</c>: an npm package, run with Node.js.</summary>
    Npm,

    /// <summary><c>uvx://</c>: a Python package from PyPI, run from its own virtual environment.</summary>
    PyPI,

    /// <summary><c>go://</c>: a Go module, built into one static binary.</summary>
    Go,
}
