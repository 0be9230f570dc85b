using System.Diagnostics;

namespace Keel.TestProgram;

/// <summary>Starts this program again, whether it runs from its app host or through <c>dotnet program.dll</c>.</summary>
public static class Self
{
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            info.ArgumentList.Add(typeof(Self).Assembly.Location);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return info;
    }
}
