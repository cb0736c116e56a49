using System.Security.Cryptography;
using System.Text;

namespace Ragex.Core.Projects;

/// <summary>A project's id: the first 16 hex digits of the SHA-256 of its real root path, stable across runs.</summary>
public static class ProjectId
{
    public static string For(string realRoot) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(realRoot)))[..16];
}
