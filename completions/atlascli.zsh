#compdef atlascli
# zsh completion for atlascli: put it on your $fpath as _atlascli, or
# eval "$(atlascli completion zsh)" after compinit
_atlascli() {
  local -a candidates
  candidates=("${(@f)$(atlascli __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -- "${candidates[@]}"
}
compdef _atlascli atlascli
