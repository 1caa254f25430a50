using LlmPython.Resolver.Restore;

namespace LlmPython.Tasks;

/// <summary>
/// One restore setting: the MSBuild property the targets copy onto the <c>_PythonRestoreSettings</c> item (as metadata of
/// the same name), the <see cref="RestoreRequest"/> member it sets and how its text is parsed, and whether it enters the
/// no-op key (<see cref="RestoreInputsKey"/>). A row that stays out of the key says why.
/// </summary>
/// <param name="Property">The MSBuild property, and the carrier item's metadata name.</param>
/// <param name="RequestMember">The <see cref="RestoreRequest"/> member <paramref name="Apply"/> sets.</param>
/// <param name="Apply">Parses the metadata text (null when empty) into the request.</param>
/// <param name="NotInNoOpKeyBecause">Null: part of the no-op key. Else why a change of it must not rerun the engine.</param>
internal sealed record RestoreSetting(
    string Property,
    string RequestMember,
    Func<RestoreRequest, string?, RestoreSettingContext, RestoreRequest> Apply,
    string? NotInNoOpKeyBecause = null)
{
    public bool InNoOpKey => NotInNoOpKeyBecause is null;
}
