using System.Runtime.InteropServices;

namespace LlmPython.Resolver.Accelerators;

/// <summary>What the CUDA driver library reports: the CUDA version it supports and each device's capability.</summary>
public sealed record CudaDriverReport(
    /// <summary>cuDriverGetVersion: 12040 = CUDA 12.4.</summary>
    int DriverApiVersion,
    IReadOnlyList<ComputeCapability> Devices)
{
    /// <summary>The newest CUDA version the driver runs (12040 → 12.4).</summary>
    public Version CudaVersion => new(DriverApiVersion / 1000, DriverApiVersion % 1000 / 10);
}

/// <summary>The CUDA driver API as detection uses it; tests substitute a fake.</summary>
public interface ICudaDriverApi
{
    /// <summary>Null when the driver library is absent or fails.</summary>
    CudaDriverReport? Query();
}

/// <summary>
/// Reads libcuda (<c>libcuda.so.1</c>, Windows <c>nvcuda.dll</c>) through P/Invoke where it loads: cuInit,
/// cuDriverGetVersion, cuDeviceGetCount, cuDeviceGet, cuDeviceGetAttribute(75 = major, 76 = minor).
/// Guarded: any failure means "no report". The library stays loaded (unloading after cuInit is unsafe).
/// </summary>
public sealed class LibCudaDriverApi : ICudaDriverApi
{
    private const int AttributeComputeCapabilityMajor = 75;
    private const int AttributeComputeCapabilityMinor = 76;
    private static readonly Lazy<CudaDriverReport?> s_report = new(QueryOnce);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int CuInit(uint flags);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int CuDriverGetVersion(out int version);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int CuDeviceGetCount(out int count);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int CuDeviceGet(out int device, int ordinal);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int CuDeviceGetAttribute(out int value, int attribute, int device);

    public CudaDriverReport? Query() => s_report.Value;

    private static CudaDriverReport? QueryOnce()
    {
        string[] names = OperatingSystem.IsWindows() ? ["nvcuda.dll"] : ["libcuda.so.1", "libcuda.so"];
        foreach (var name in names)
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            try
            {
                return Read(handle);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or MarshalDirectiveException or ArgumentException)
            {
                return null;
            }
        }
        return null;
    }

    private static CudaDriverReport? Read(IntPtr handle)
    {
        T Export<T>(string name) where T : Delegate =>
            Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(handle, name));

        var getVersion = Export<CuDriverGetVersion>("cuDriverGetVersion");
        if (getVersion(out var version) != 0) return null;
        var devices = new List<ComputeCapability>();
        // cuInit fails with CUDA_ERROR_NO_DEVICE on a driver-only machine; the version is still worth reporting.
        if (Export<CuInit>("cuInit")(0) == 0 && Export<CuDeviceGetCount>("cuDeviceGetCount")(out var count) == 0)
        {
            var deviceGet = Export<CuDeviceGet>("cuDeviceGet");
            var getAttribute = Export<CuDeviceGetAttribute>("cuDeviceGetAttribute");
            for (var i = 0; i < count; i++)
            {
                if (deviceGet(out var device, i) != 0) continue;
                if (getAttribute(out var major, AttributeComputeCapabilityMajor, device) == 0
                    && getAttribute(out var minor, AttributeComputeCapabilityMinor, device) == 0)
                    devices.Add(new ComputeCapability(major, minor));
            }
        }
        return new CudaDriverReport(version, devices);
    }
}
