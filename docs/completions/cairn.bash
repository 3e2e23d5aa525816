#!/bin/bash

__cairn_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__cairn_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__cairn_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__cairn_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_cairn() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    init|demo|validate|audit|credits|renewals|roles|plan|verify|graph|pathways|badges|learners|exceptions|frameworks|skills|rdf|serve|tokens|jobs|worker|issue|keys|status-list|help)
        # Offer subcommand argument completions
        "_cairn_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'init demo validate audit credits renewals roles plan verify graph pathways badges learners exceptions frameworks skills rdf serve tokens jobs worker issue keys status-list help' -- "${cur}"))
        ;;
    esac
}

_cairn_init() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 1
}

_cairn_demo() {
    repeating_flags=()
    non_repeating_flags=(--no-color --ascii --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --as-of --color)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--as-of')
        return
        ;;
    '--color')
        __cairn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_cairn_validate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database)
    __cairn_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    esac
}

_cairn_audit() {
    repeating_flags=()
    non_repeating_flags=(--all-pathways --cohort --no-progress --lenient --no-color --ascii --version -h --help)
    repeating_options=(--pathway --learners --map --resolve)
    non_repeating_options=(--workspace --store --database --learner --map-file --output --compare-with --version --compare-version --as-of --format --keys --status-lists --contexts --accept --color)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--pathway')
        return
        ;;
    '--learner')
        return
        ;;
    '--learners')
        return
        ;;
    '--map')
        return
        ;;
    '--map-file')
        return
        ;;
    '--output')
        return
        ;;
    '--compare-with')
        return
        ;;
    '--version')
        return
        ;;
    '--compare-version')
        return
        ;;
    '--as-of')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'$'\n''csv'$'\n''jsonl'
        return
        ;;
    '--keys')
        return
        ;;
    '--status-lists')
        return
        ;;
    '--resolve')
        return
        ;;
    '--contexts')
        return
        ;;
    '--accept')
        __cairn_add_completions -W 'unverified'
        return
        ;;
    '--color')
        __cairn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_cairn_credits() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    compute|history|log)
        # Offer subcommand argument completions
        "_cairn_credits_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'compute history log' -- "${cur}"))
        ;;
    esac
}

_cairn_credits_compute() {
    repeating_flags=()
    non_repeating_flags=(--cohort --no-progress --explain --record --adopt-log-key --lenient --no-color --ascii --version -h --help)
    repeating_options=(--learners --map --resolve)
    non_repeating_options=(--workspace --store --database --policy --learner --map-file --output --as-of --format --recorded-by --log-key --keys --status-lists --contexts --accept --color)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--policy')
        return
        ;;
    '--learner')
        return
        ;;
    '--learners')
        return
        ;;
    '--map')
        return
        ;;
    '--map-file')
        return
        ;;
    '--output')
        return
        ;;
    '--as-of')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'$'\n''csv'$'\n''jsonl'
        return
        ;;
    '--recorded-by')
        return
        ;;
    '--log-key')
        return
        ;;
    '--keys')
        return
        ;;
    '--status-lists')
        return
        ;;
    '--resolve')
        return
        ;;
    '--contexts')
        return
        ;;
    '--accept')
        __cairn_add_completions -W 'unverified'
        return
        ;;
    '--color')
        __cairn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_cairn_credits_history() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --learner --show --format)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--learner')
        return
        ;;
    '--show')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'$'\n''csv'
        return
        ;;
    esac
}

_cairn_credits_log() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    verify)
        # Offer subcommand argument completions
        "_cairn_credits_log_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'verify' -- "${cur}"))
        ;;
    esac
}

_cairn_credits_log_verify() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --log-key --expect-head --format)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--log-key')
        return
        ;;
    '--expect-head')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_renewals() {
    repeating_flags=()
    non_repeating_flags=(--cohort --no-progress --lenient --no-color --ascii --version -h --help)
    repeating_options=(--learners --map --resolve)
    non_repeating_options=(--workspace --store --database --learner --map-file --output --as-of --within --format --keys --status-lists --contexts --accept --color)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--learner')
        return
        ;;
    '--learners')
        return
        ;;
    '--map')
        return
        ;;
    '--map-file')
        return
        ;;
    '--output')
        return
        ;;
    '--as-of')
        return
        ;;
    '--within')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'$'\n''csv'$'\n''ics'$'\n''jsonl'
        return
        ;;
    '--keys')
        return
        ;;
    '--status-lists')
        return
        ;;
    '--resolve')
        return
        ;;
    '--contexts')
        return
        ;;
    '--accept')
        __cairn_add_completions -W 'unverified'
        return
        ;;
    '--color')
        __cairn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_cairn_roles() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    fit|match|matrix|list)
        # Offer subcommand argument completions
        "_cairn_roles_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'fit match matrix list' -- "${cur}"))
        ;;
    esac
}

_cairn_roles_fit() {
    repeating_flags=()
    non_repeating_flags=(--lenient --no-color --ascii --version -h --help)
    repeating_options=(--resolve)
    non_repeating_options=(--workspace --store --database --learner --role --top --as-of --format --keys --status-lists --contexts --accept --color)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--learner')
        return
        ;;
    '--role')
        return
        ;;
    '--top')
        return
        ;;
    '--as-of')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'$'\n''csv'
        return
        ;;
    '--keys')
        return
        ;;
    '--status-lists')
        return
        ;;
    '--resolve')
        return
        ;;
    '--contexts')
        return
        ;;
    '--accept')
        __cairn_add_completions -W 'unverified'
        return
        ;;
    '--color')
        __cairn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_cairn_roles_match() {
    repeating_flags=()
    non_repeating_flags=(--cohort --no-progress --lenient --no-color --ascii --version -h --help)
    repeating_options=(--learners --map --resolve)
    non_repeating_options=(--workspace --store --database --role --map-file --output --top --as-of --format --keys --status-lists --contexts --accept --color)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--role')
        return
        ;;
    '--learners')
        return
        ;;
    '--map')
        return
        ;;
    '--map-file')
        return
        ;;
    '--output')
        return
        ;;
    '--top')
        return
        ;;
    '--as-of')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'$'\n''csv'
        return
        ;;
    '--keys')
        return
        ;;
    '--status-lists')
        return
        ;;
    '--resolve')
        return
        ;;
    '--contexts')
        return
        ;;
    '--accept')
        __cairn_add_completions -W 'unverified'
        return
        ;;
    '--color')
        __cairn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_cairn_roles_matrix() {
    repeating_flags=()
    non_repeating_flags=(--cohort --no-progress --lenient --version -h --help)
    repeating_options=(--learners --map --resolve)
    non_repeating_options=(--workspace --store --database --map-file --output --roles --header --as-of --keys --status-lists --contexts --accept)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--learners')
        return
        ;;
    '--map')
        return
        ;;
    '--map-file')
        return
        ;;
    '--output')
        return
        ;;
    '--roles')
        return
        ;;
    '--header')
        __cairn_add_completions -W 'titles'$'\n''ids'
        return
        ;;
    '--as-of')
        return
        ;;
    '--keys')
        return
        ;;
    '--status-lists')
        return
        ;;
    '--resolve')
        return
        ;;
    '--contexts')
        return
        ;;
    '--accept')
        __cairn_add_completions -W 'unverified'
        return
        ;;
    esac
}

_cairn_roles_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_plan() {
    repeating_flags=()
    non_repeating_flags=(--all --cohort --no-progress --lenient --no-color --ascii --version -h --help)
    repeating_options=(--learners --map --assume --resolve)
    non_repeating_options=(--workspace --store --database --pathway --learner --map-file --output --version --destination --milestone --minimize --as-of --by --format --keys --status-lists --contexts --accept --color)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--pathway')
        return
        ;;
    '--learner')
        return
        ;;
    '--learners')
        return
        ;;
    '--map')
        return
        ;;
    '--map-file')
        return
        ;;
    '--output')
        return
        ;;
    '--version')
        return
        ;;
    '--destination')
        return
        ;;
    '--milestone')
        return
        ;;
    '--minimize')
        __cairn_add_completions -W 'count'$'\n''hours'$'\n''cost'
        return
        ;;
    '--as-of')
        return
        ;;
    '--by')
        return
        ;;
    '--assume')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'$'\n''csv'$'\n''jsonl'
        return
        ;;
    '--keys')
        return
        ;;
    '--status-lists')
        return
        ;;
    '--resolve')
        return
        ;;
    '--contexts')
        return
        ;;
    '--accept')
        __cairn_add_completions -W 'unverified'
        return
        ;;
    '--color')
        __cairn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_cairn_verify() {
    repeating_flags=()
    non_repeating_flags=(--no-color --ascii --version -h --help)
    repeating_options=(--resolve)
    non_repeating_options=(--keys --status-lists --contexts --accept --workspace --as-of --format --color)
    __cairn_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--keys')
        return
        ;;
    '--status-lists')
        return
        ;;
    '--resolve')
        return
        ;;
    '--contexts')
        return
        ;;
    '--accept')
        __cairn_add_completions -W 'unverified'
        return
        ;;
    '--workspace')
        return
        ;;
    '--as-of')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cairn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_cairn_graph() {
    repeating_flags=()
    non_repeating_flags=(--lenient --version -h --help)
    repeating_options=(--resolve)
    non_repeating_options=(--workspace --store --database --pathway --learner --as-of --minimize --by --format --keys --status-lists --contexts --accept)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--pathway')
        return
        ;;
    '--learner')
        return
        ;;
    '--as-of')
        return
        ;;
    '--minimize')
        __cairn_add_completions -W 'count'$'\n''hours'$'\n''cost'
        return
        ;;
    '--by')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'dot'$'\n''mermaid'
        return
        ;;
    '--keys')
        return
        ;;
    '--status-lists')
        return
        ;;
    '--resolve')
        return
        ;;
    '--contexts')
        return
        ;;
    '--accept')
        __cairn_add_completions -W 'unverified'
        return
        ;;
    esac
}

_cairn_pathways() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|import|export)
        # Offer subcommand argument completions
        "_cairn_pathways_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show import export' -- "${cur}"))
        ;;
    esac
}

_cairn_pathways_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_pathways_show() {
    repeating_flags=()
    non_repeating_flags=(--no-color --ascii --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format --color)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cairn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_cairn_pathways_import() {
    repeating_flags=()
    non_repeating_flags=(--force --no-extensions --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format --out)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'ctdl'$'\n''badgr'
        return
        ;;
    '--out')
        return
        ;;
    esac
}

_cairn_pathways_export() {
    repeating_flags=()
    non_repeating_flags=(--force --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format --out)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'ctdl'$'\n''badgr'
        return
        ;;
    '--out')
        return
        ;;
    esac
}

_cairn_badges() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|inspect|import)
        # Offer subcommand argument completions
        "_cairn_badges_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show inspect import' -- "${cur}"))
        ;;
    esac
}

_cairn_badges_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --tag --issuer --format)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--tag')
        return
        ;;
    '--issuer')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_badges_show() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_badges_inspect() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--resolve)
    non_repeating_options=(--keys --status-lists --contexts --accept --workspace --as-of --format)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--keys')
        return
        ;;
    '--status-lists')
        return
        ;;
    '--resolve')
        return
        ;;
    '--contexts')
        return
        ;;
    '--accept')
        __cairn_add_completions -W 'unverified'
        return
        ;;
    '--workspace')
        return
        ;;
    '--as-of')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_badges_import() {
    repeating_flags=()
    non_repeating_flags=(--force --version -h --help)
    repeating_options=(--resolve)
    non_repeating_options=(--out --credit-unit --issuer --workspace)
    __cairn_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--out')
        return
        ;;
    '--credit-unit')
        return
        ;;
    '--issuer')
        return
        ;;
    '--resolve')
        return
        ;;
    '--workspace')
        return
        ;;
    esac
}

_cairn_learners() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    import|list|show|remove)
        # Offer subcommand argument completions
        "_cairn_learners_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'import list show remove' -- "${cur}"))
        ;;
    esac
}

_cairn_learners_import() {
    repeating_flags=()
    non_repeating_flags=(--replace --no-progress --version -h --help)
    repeating_options=(--map --resolve)
    non_repeating_options=(--workspace --store --database --map-file --recipients --format --keys --status-lists --contexts --accept)
    __cairn_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--map')
        return
        ;;
    '--map-file')
        return
        ;;
    '--recipients')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--keys')
        return
        ;;
    '--status-lists')
        return
        ;;
    '--resolve')
        return
        ;;
    '--contexts')
        return
        ;;
    '--accept')
        __cairn_add_completions -W 'unverified'
        return
        ;;
    esac
}

_cairn_learners_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'$'\n''csv'
        return
        ;;
    esac
}

_cairn_learners_show() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'yaml'$'\n''json'
        return
        ;;
    esac
}

_cairn_learners_remove() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database)
    __cairn_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    esac
}

_cairn_exceptions() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|remove|import)
        # Offer subcommand argument completions
        "_cairn_exceptions_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list remove import' -- "${cur}"))
        ;;
    esac
}

_cairn_exceptions_add() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--tag)
    non_repeating_options=(--workspace --store --database --learner --pathway --waive --substitute --for --outside --issued --institution --credits --counts-as --block --by --reason --on)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--learner')
        return
        ;;
    '--pathway')
        return
        ;;
    '--waive')
        return
        ;;
    '--substitute')
        return
        ;;
    '--for')
        return
        ;;
    '--outside')
        return
        ;;
    '--issued')
        return
        ;;
    '--institution')
        return
        ;;
    '--credits')
        return
        ;;
    '--counts-as')
        return
        ;;
    '--tag')
        return
        ;;
    '--block')
        return
        ;;
    '--by')
        return
        ;;
    '--reason')
        return
        ;;
    '--on')
        return
        ;;
    esac
}

_cairn_exceptions_list() {
    repeating_flags=()
    non_repeating_flags=(--all --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --learner --format)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--learner')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'$'\n''csv'
        return
        ;;
    esac
}

_cairn_exceptions_remove() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --by --reason --on)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--by')
        return
        ;;
    '--reason')
        return
        ;;
    '--on')
        return
        ;;
    esac
}

_cairn_exceptions_import() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    esac
}

_cairn_frameworks() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    import|list|triples)
        # Offer subcommand argument completions
        "_cairn_frameworks_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'import list triples' -- "${cur}"))
        ;;
    esac
}

_cairn_frameworks_import() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --lang --name --version --workspace --store --database)
    __cairn_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        return
        ;;
    '--lang')
        return
        ;;
    '--name')
        return
        ;;
    '--version')
        return
        ;;
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    esac
}

_cairn_frameworks_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_frameworks_triples() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--base)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--base')
        return
        ;;
    esac
}

_cairn_skills() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    search|show)
        # Offer subcommand argument completions
        "_cairn_skills_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'search show' -- "${cur}"))
        ;;
    esac
}

_cairn_skills_search() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--framework --lang --limit --workspace --store --database --format)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--framework')
        return
        ;;
    '--lang')
        return
        ;;
    '--limit')
        return
        ;;
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_skills_show() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--framework --lang --workspace --store --database --format)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--framework')
        return
        ;;
    '--lang')
        return
        ;;
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_rdf() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    canonicalize)
        # Offer subcommand argument completions
        "_cairn_rdf_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'canonicalize' -- "${cur}"))
        ;;
    esac
}

_cairn_rdf_canonicalize() {
    repeating_flags=()
    non_repeating_flags=(--map --version -h --help)
    repeating_options=()
    non_repeating_options=(--hash)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--hash')
        __cairn_add_completions -W 'SHA256'$'\n''SHA384'
        return
        ;;
    esac
}

_cairn_serve() {
    repeating_flags=()
    non_repeating_flags=(--secure-cookies --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --host --port --max-body --recipients --issuer-key --issue-format --status-list)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--host')
        return
        ;;
    '--port')
        return
        ;;
    '--max-body')
        return
        ;;
    '--recipients')
        return
        ;;
    '--issuer-key')
        return
        ;;
    '--issue-format')
        __cairn_add_completions -W 'ob3-json'$'\n''vc-jwt'
        return
        ;;
    '--status-list')
        return
        ;;
    esac
}

_cairn_tokens() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|revoke)
        # Offer subcommand argument completions
        "_cairn_tokens_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list revoke' -- "${cur}"))
        ;;
    esac
}

_cairn_tokens_create() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --role --learner --expires --label)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--role')
        __cairn_add_completions -W 'admin'$'\n''registrar'$'\n''hr'$'\n''learner'
        return
        ;;
    '--learner')
        return
        ;;
    '--expires')
        return
        ;;
    '--label')
        return
        ;;
    esac
}

_cairn_tokens_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_tokens_revoke() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    esac
}

_cairn_jobs() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    submit|status|results|list)
        # Offer subcommand argument completions
        "_cairn_jobs_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'submit status results list' -- "${cur}"))
        ;;
    esac
}

_cairn_jobs_submit() {
    repeating_flags=()
    non_repeating_flags=(--lenient --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --pathway --policy --as-of --chunk-size --format)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--pathway')
        return
        ;;
    '--policy')
        return
        ;;
    '--as-of')
        return
        ;;
    '--chunk-size')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cairn_add_completions -W 'audit'$'\n''credits'$'\n''renewals'
        return
        ;;
    esac
}

_cairn_jobs_status() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_jobs_results() {
    repeating_flags=()
    non_repeating_flags=(--partial --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format --output)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'csv'$'\n''jsonl'
        return
        ;;
    '--output')
        return
        ;;
    esac
}

_cairn_jobs_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_worker() {
    repeating_flags=()
    non_repeating_flags=(--until-idle --version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --lease --job --name)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--lease')
        return
        ;;
    '--job')
        return
        ;;
    '--name')
        return
        ;;
    esac
}

_cairn_issue() {
    repeating_flags=()
    non_repeating_flags=(--cohort --no-progress --lenient --no-color --ascii --version -h --help)
    repeating_options=(--learners --map --resolve)
    non_repeating_options=(--workspace --store --database --pathway --learner --map-file --output --as-of --key --award --format --status-list --result --bake --out --keys --status-lists --contexts --accept --color)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--pathway')
        return
        ;;
    '--learner')
        return
        ;;
    '--learners')
        return
        ;;
    '--map')
        return
        ;;
    '--map-file')
        return
        ;;
    '--output')
        return
        ;;
    '--as-of')
        return
        ;;
    '--key')
        return
        ;;
    '--award')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'ob3-json'$'\n''vc-jwt'
        return
        ;;
    '--status-list')
        return
        ;;
    '--result')
        return
        ;;
    '--bake')
        return
        ;;
    '--out')
        return
        ;;
    '--keys')
        return
        ;;
    '--status-lists')
        return
        ;;
    '--resolve')
        return
        ;;
    '--contexts')
        return
        ;;
    '--accept')
        __cairn_add_completions -W 'unverified'
        return
        ;;
    '--color')
        __cairn_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_cairn_keys() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    generate)
        # Offer subcommand argument completions
        "_cairn_keys_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'generate' -- "${cur}"))
        ;;
    esac
}

_cairn_keys_generate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--issuer --algorithm --out --name --format)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--issuer')
        return
        ;;
    '--algorithm')
        __cairn_add_completions -W 'ed25519'$'\n''p256'
        return
        ;;
    '--out')
        return
        ;;
    '--name')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_status-list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|revoke|publish|list)
        # Offer subcommand argument completions
        "_cairn_status-list_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create revoke publish list' -- "${cur}"))
        ;;
    esac
}

_cairn_status-list_create() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --url --issuer --size --key)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--url')
        return
        ;;
    '--issuer')
        return
        ;;
    '--size')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_cairn_status-list_revoke() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --reason --key)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--reason')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_cairn_status-list_publish() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --out)
    __cairn_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--out')
        return
        ;;
    esac
}

_cairn_status-list_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--workspace --store --database --format)
    __cairn_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workspace')
        return
        ;;
    '--store')
        return
        ;;
    '--database')
        return
        ;;
    '--format')
        __cairn_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cairn_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __cairn_offer_flags_options -1
}

complete -o filenames -F _cairn cairn
