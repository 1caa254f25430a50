namespace LlmPython.Resolver.Environments;

/// <summary>
/// Activation scripts. They find the environment from their own location instead of embedding the
/// build machine's path, so a copied or published environment still activates correctly.
/// </summary>
public static class ActivationScripts
{
    /// <summary>bin/activate for bash and zsh (source it).</summary>
    public static string Bash(string prompt) => $$"""
        # Source this file from bash or zsh: . bin/activate
        deactivate () {
            if [ -n "${_OLD_VIRTUAL_PATH:-}" ]; then
                PATH="${_OLD_VIRTUAL_PATH:-}"
                export PATH
                unset _OLD_VIRTUAL_PATH
            fi
            if [ -n "${_OLD_VIRTUAL_PYTHONHOME:-}" ]; then
                PYTHONHOME="${_OLD_VIRTUAL_PYTHONHOME:-}"
                export PYTHONHOME
                unset _OLD_VIRTUAL_PYTHONHOME
            fi
            if [ -n "${_OLD_VIRTUAL_PS1:-}" ]; then
                PS1="${_OLD_VIRTUAL_PS1:-}"
                export PS1
                unset _OLD_VIRTUAL_PS1
            fi
            unset VIRTUAL_ENV
            unset VIRTUAL_ENV_PROMPT
            hash -r 2> /dev/null
            if [ ! "${1:-}" = "nondestructive" ]; then
                unset -f deactivate
            fi
        }

        deactivate nondestructive

        if [ -n "${BASH_SOURCE:-}" ]; then
            _LLMPY_ACTIVATE="${BASH_SOURCE[0]}"
        elif [ -n "${ZSH_VERSION:-}" ]; then
            _LLMPY_ACTIVATE="${(%):-%x}"
        else
            _LLMPY_ACTIVATE="$0"
        fi
        VIRTUAL_ENV="$(cd "$(dirname "$_LLMPY_ACTIVATE")/.." && pwd)"
        unset _LLMPY_ACTIVATE
        export VIRTUAL_ENV

        _OLD_VIRTUAL_PATH="$PATH"
        PATH="$VIRTUAL_ENV/bin:$PATH"
        export PATH

        VIRTUAL_ENV_PROMPT="({{prompt}}) "
        export VIRTUAL_ENV_PROMPT

        if [ -n "${PYTHONHOME:-}" ]; then
            _OLD_VIRTUAL_PYTHONHOME="${PYTHONHOME:-}"
            unset PYTHONHOME
        fi

        if [ -z "${VIRTUAL_ENV_DISABLE_PROMPT:-}" ]; then
            _OLD_VIRTUAL_PS1="${PS1:-}"
            PS1="${VIRTUAL_ENV_PROMPT}${PS1:-}"
            export PS1
        fi

        hash -r 2> /dev/null

        """.Replace("\r\n", "\n");

    /// <summary>Scripts\activate.bat for cmd.exe.</summary>
    public static string Batch(string prompt) => $$"""
        @echo off
        rem Run from cmd.exe: Scripts\activate.bat
        if defined _OLD_VIRTUAL_PROMPT set "PROMPT=%_OLD_VIRTUAL_PROMPT%"
        if defined _OLD_VIRTUAL_PATH set "PATH=%_OLD_VIRTUAL_PATH%"
        for %%i in ("%~dp0..") do set "VIRTUAL_ENV=%%~fi"
        set "VIRTUAL_ENV_PROMPT=({{prompt}}) "
        if not defined PROMPT set "PROMPT=$P$G"
        set "_OLD_VIRTUAL_PROMPT=%PROMPT%"
        set "PROMPT=%VIRTUAL_ENV_PROMPT%%PROMPT%"
        if defined PYTHONHOME set "_OLD_VIRTUAL_PYTHONHOME=%PYTHONHOME%"
        set PYTHONHOME=
        set "_OLD_VIRTUAL_PATH=%PATH%"
        set "PATH=%VIRTUAL_ENV%\Scripts;%PATH%"

        """.Replace("\r\n", "\n").Replace("\n", "\r\n");
}
