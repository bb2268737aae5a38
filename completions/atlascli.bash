# bash completion for atlascli: source it, or put it in
# ~/.local/share/bash-completion/completions/atlascli
_atlascli() {
  local IFS=$'\n'
  COMPREPLY=($(atlascli __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _atlascli atlascli
