# fish completion for atlascli: save as ~/.config/fish/completions/atlascli.fish
complete -c atlascli -f -a '(atlascli __complete (commandline -opc)[2..-1] (commandline -ct))'
