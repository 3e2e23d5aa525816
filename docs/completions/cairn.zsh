#compdef cairn

__cairn_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__cairn_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __cairn_complete "${completions[@]:0:-1}"
    fi
}

__cairn_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_cairn() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'init:Write a small working workspace (a badge catalogue, a pathway, a learner, a credit policy and a role) to start from.'
            'demo:Audit the bundled sample learners against the bundled pathways and print a short report.'
            'validate:Check definitions and report every problem at once.'
            'audit:Audit a learner against a pathway: what is met, with which badges, and why others do not count; or a whole cohort at once.'
            'credits:Compute the academic credit a policy grants a learner'\''s badges and stacks, or list recorded decisions.'
            'renewals:When each badge and completed stack lapses, when renewal opens, and what is due.'
            'roles:Role fit: which roles a learner is ready for and what each is missing; who is closest to a role; a person-by-role matrix.'
            'plan:The cheapest further badges that complete a pathway, in order; or every pathway ranked by what is left.'
            'verify:Check Open Badges files offline: well formed, proofs, dates and revocation.'
            'graph:Draw a pathway'\''s requirement tree as Graphviz DOT or Mermaid text.'
            'pathways:List the workspace'\''s pathways, show one'\''s requirements, or import and export CTDL and Badgr pathways.'
            'badges:List and show the workspace'\''s badge classes; show Open Badges files as Cairn reads them; make a catalogue from them.'
            'learners:Learner records in the store: import them from a SIS export, record files or Open Badges files; list, show, remove.'
            'exceptions:Registrar exceptions per learner: waive a requirement, substitute a badge, add an outside earning, block a badge.'
            'frameworks:Import skills frameworks (ESCO, SFIA, SKOS, CASE) into the store, list them, or show an RDF/XML file'\''s triples.'
            'skills:Search the skills of imported frameworks, or show one with its relations.'
            'rdf:RDF tools: canonicalize an N-Quads file as Cairn does before checking a Data Integrity proof.'
            'serve:Serve the JSON API and the web pages for learners, registrars and HR.'
            'tokens:Create, list and revoke the server'\''s API tokens (admin, registrar, hr, learner).'
            'jobs:Submit a cohort audit, credits or renewals run as a job that workers compute in chunks; follow it; read its results.'
            'worker:Claim and compute chunks of cohort jobs (cairn jobs submit) in a loop; run as many as you like, anywhere the store reaches.'
            'issue:Issue the Open Badges 3.0 credential a pathway awards to a learner who completed it (or to a whole cohort).'
            'keys:Make an issuer'\''s signing key: the private key file for `cairn issue`, the public key for verifiers.'
            'status-list:Keep the status lists that revoke issued credentials: create one, revoke a credential, publish the signed list.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        init|demo|validate|audit|credits|renewals|roles|plan|verify|graph|pathways|badges|learners|exceptions|frameworks|skills|rdf|serve|tokens|jobs|worker|issue|keys|status-list|help)
            "_cairn_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_init() {
    local -i ret=1
    local -ar arg_specs=(
        ':dir:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_demo() {
    local -i ret=1
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--as-of[The day to evaluate on; default 2026-11-29, the day the bundled samples were written for, so the report reproduces.]:date:'
        '--color[Colour the status marks\: auto (only on a terminal, and not when NO_COLOR is set), always or never.]:color:{__cairn_complete "${___color[@]}"}'
        '--no-color[No colour (as --color never).]'
        '--ascii[Write ASCII in place of the status marks, tree branches and arrows (also when the locale is not UTF-8).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_validate() {
    local -i ret=1
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '*:path:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_audit() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'csv' 'jsonl')
    local -ar ___accept=('unverified')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '*--pathway[A pathway id from the workspace, or a pathway file; repeatable for a cohort.]:id|file:'
        '--all-pathways[With a cohort\: every pathway of the workspace.]'
        '--learner[A learner record file (YAML or JSON), the id of a learner bundled in the workspace, or one in the store.]:file|id:'
        '--cohort[Run over every learner in the store (cairn learners import puts them there).]'
        '*--learners[Learner record files or folders of them, or a student information system'\''s CSV export read directly; repeatable.]:dir|csv:'
        '*--map[With --learners CSV\: the export'\''s header for a field, as FIELD=HEADER (learner="Student ID"); repeatable.]:field=header:'
        '--map-file[With --learners CSV\: a file of `field\: Header` lines.]:file:'
        '--output[Write the cohort'\''s results to this file, replaced only when the run succeeds (default\: standard output).]:file:'
        '--no-progress[No progress bar on standard error (it is shown only on a terminal).]'
        '--compare-with[With a cohort\: an earlier run'\''s CSV; write only the learners whose result changed, before and after.]:csv:'
        '--version[Audit in this version of the pathway, not the one that applies to the learner.]:version:'
        '--compare-version[With a cohort and one --pathway\: audit each learner in their own version and in this one; write only who would gain or lose by moving.]:version:'
        '--as-of[The day to evaluate on (YYYY-MM-DD); default today, UTC.]:date:'
        '--format[Output format\: text or json for one learner; csv, jsonl or text (a summary) for a cohort.]:format:{__cairn_complete "${___format[@]}"}'
        '--keys[A folder of public keys (JWK, PEM public keys or X.509 certificates, or Open Badges 2.0 CryptographicKey JSON), matched by key id.]:dir:'
        '--status-lists[A folder of status and revocation lists (an INDEX.tsv there maps each list'\''s URL to its file).]:dir:'
        '*--resolve[A folder of documents that Open Badges 2.0 assertions refer to (BadgeClass, Issuer, keys), found by their id; repeatable.]:dir:'
        '--contexts[A folder of extra JSON-LD contexts (with an INDEX.tsv\: URL, tab, file) beyond the bundled ones.]:dir:'
        '--accept[Count learner-record credentials whose proof could not be checked (`unverified`); reports name each one. Never counts a failed, self-signed, revoked or expired one.]:unverified:{__cairn_complete "${___accept[@]}"}'
        '--lenient[Run despite problems `cairn validate` finds in the files this command reads (an unknown badge or pathway id, a requirement that can never be met); they are printed as warnings.]'
        '--color[Colour the status marks\: auto (only on a terminal, and not when NO_COLOR is set), always or never.]:color:{__cairn_complete "${___color[@]}"}'
        '--no-color[No colour (as --color never).]'
        '--ascii[Write ASCII in place of the status marks, tree branches and arrows (also when the locale is not UTF-8).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_credits() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'compute:Compute a credit transcript: every badge and stack, its credit, whether it counts, and why.'
            'history:List the credit decisions recorded for a learner (with `cairn credits --record`), oldest first.'
            'log:Check the credit decision log as a whole.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        compute|history|log)
            "_cairn_credits_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_credits_compute() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'csv' 'jsonl')
    local -ar ___accept=('unverified')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--policy[A credit policy id from the workspace, or a policy file.]:id|file:'
        '--learner[A learner record file (YAML or JSON), the id of a learner bundled in the workspace, or one in the store.]:file|id:'
        '--cohort[Run over every learner in the store (cairn learners import puts them there).]'
        '*--learners[Learner record files or folders of them, or a student information system'\''s CSV export read directly; repeatable.]:dir|csv:'
        '*--map[With --learners CSV\: the export'\''s header for a field, as FIELD=HEADER (learner="Student ID"); repeatable.]:field=header:'
        '--map-file[With --learners CSV\: a file of `field\: Header` lines.]:file:'
        '--output[Write the cohort'\''s results to this file, replaced only when the run succeeds (default\: standard output).]:file:'
        '--no-progress[No progress bar on standard error (it is shown only on a terminal).]'
        '--as-of[The day to evaluate on (YYYY-MM-DD); default today, UTC.]:date:'
        '--format[Output format\: text (a transcript to sign), json (the contract), csv (one row per badge or stack); for a cohort csv (one row per learner), jsonl (one transcript per line) or text (a summary).]:format:{__cairn_complete "${___format[@]}"}'
        '--explain[Show the rule that decided each line, and the policy'\''s rules.]'
        '--record[Append the transcript, the policy id and version, and digests of every input file to the store'\''s decision log.]'
        '--recorded-by[With --record\: who records the decision, kept in the log (default\: your login name).]:name:'
        '--log-key[A file holding the decision log'\''s secret key (32 to 4096 bytes, kept outside the store)\: decisions are recorded with an HMAC of their chain link, and verify checks them.]:file:'
        '--adopt-log-key[With --record and --log-key\: start MACing a log whose decisions were all recorded without a key.]'
        '--keys[A folder of public keys (JWK, PEM public keys or X.509 certificates, or Open Badges 2.0 CryptographicKey JSON), matched by key id.]:dir:'
        '--status-lists[A folder of status and revocation lists (an INDEX.tsv there maps each list'\''s URL to its file).]:dir:'
        '*--resolve[A folder of documents that Open Badges 2.0 assertions refer to (BadgeClass, Issuer, keys), found by their id; repeatable.]:dir:'
        '--contexts[A folder of extra JSON-LD contexts (with an INDEX.tsv\: URL, tab, file) beyond the bundled ones.]:dir:'
        '--accept[Count learner-record credentials whose proof could not be checked (`unverified`); reports name each one. Never counts a failed, self-signed, revoked or expired one.]:unverified:{__cairn_complete "${___accept[@]}"}'
        '--lenient[Run despite problems `cairn validate` finds in the files this command reads (an unknown badge or pathway id, a requirement that can never be met); they are printed as warnings.]'
        '--color[Colour the status marks\: auto (only on a terminal, and not when NO_COLOR is set), always or never.]:color:{__cairn_complete "${___color[@]}"}'
        '--no-color[No colour (as --color never).]'
        '--ascii[Write ASCII in place of the status marks, tree branches and arrows (also when the locale is not UTF-8).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_credits_history() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'csv')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--learner[The learner'\''s id, as recorded.]:id:'
        '--show[Print the transcript of this decision (its sequence number) as it was recorded.]:n:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_credits_log() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'verify:Verify the whole credit decision log and print its head digest.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        verify)
            "_cairn_credits_log_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_credits_log_verify() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--log-key[A file holding the decision log'\''s secret key (32 to 4096 bytes, kept outside the store)\: decisions are recorded with an HMAC of their chain link, and verify checks them.]:file:'
        '--expect-head[The head kept from an earlier verify or history\: the log must still hold it (end there or after it).]:digest:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_renewals() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'csv' 'ics' 'jsonl')
    local -ar ___accept=('unverified')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--learner[A learner record file, the id of a learner bundled in the workspace, or one in the store.]:file|id:'
        '--cohort[Run over every learner in the store (cairn learners import puts them there).]'
        '*--learners[Learner record files or folders of them, or a student information system'\''s CSV export read directly; repeatable.]:dir|csv:'
        '*--map[With --learners CSV\: the export'\''s header for a field, as FIELD=HEADER (learner="Student ID"); repeatable.]:field=header:'
        '--map-file[With --learners CSV\: a file of `field\: Header` lines.]:file:'
        '--output[Write the cohort'\''s results to this file, replaced only when the run succeeds (default\: standard output).]:file:'
        '--no-progress[No progress bar on standard error (it is shown only on a terminal).]'
        '--as-of[The day to evaluate on (YYYY-MM-DD); default today, UTC.]:date:'
        '--within[Only what needs attention within this ISO 8601 duration (P90D, P3M).]:duration:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--keys[A folder of public keys (JWK, PEM public keys or X.509 certificates, or Open Badges 2.0 CryptographicKey JSON), matched by key id.]:dir:'
        '--status-lists[A folder of status and revocation lists (an INDEX.tsv there maps each list'\''s URL to its file).]:dir:'
        '*--resolve[A folder of documents that Open Badges 2.0 assertions refer to (BadgeClass, Issuer, keys), found by their id; repeatable.]:dir:'
        '--contexts[A folder of extra JSON-LD contexts (with an INDEX.tsv\: URL, tab, file) beyond the bundled ones.]:dir:'
        '--accept[Count learner-record credentials whose proof could not be checked (`unverified`); reports name each one. Never counts a failed, self-signed, revoked or expired one.]:unverified:{__cairn_complete "${___accept[@]}"}'
        '--lenient[Run despite problems `cairn validate` finds in the files this command reads (an unknown badge or pathway id, a requirement that can never be met); they are printed as warnings.]'
        '--color[Colour the status marks\: auto (only on a terminal, and not when NO_COLOR is set), always or never.]:color:{__cairn_complete "${___color[@]}"}'
        '--no-color[No colour (as --color never).]'
        '--ascii[Write ASCII in place of the status marks, tree branches and arrows (also when the locale is not UTF-8).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_roles() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'fit:The roles a learner'\''s valid badges cover best, with coverage, gaps and badges that would close them.'
            'match:Rank the people in a folder of learner records for one role.'
            'matrix:A person-by-role CSV of fit scores, for an applicant tracking or HR system.'
            'list:Every role: its title, id, where it comes from, and how many essential and optional skills it asks for.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        fit|match|matrix|list)
            "_cairn_roles_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_roles_fit() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'csv')
    local -ar ___accept=('unverified')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--learner[A learner record file, or the id of a learner bundled in the workspace.]:file:'
        '--role[Only this role (an occupation URI or a profile id).]:id:'
        '--top[How many roles to show, best first.]:top:'
        '--as-of[The day to evaluate on (YYYY-MM-DD); default today, UTC.]:date:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--keys[A folder of public keys (JWK, PEM public keys or X.509 certificates, or Open Badges 2.0 CryptographicKey JSON), matched by key id.]:dir:'
        '--status-lists[A folder of status and revocation lists (an INDEX.tsv there maps each list'\''s URL to its file).]:dir:'
        '*--resolve[A folder of documents that Open Badges 2.0 assertions refer to (BadgeClass, Issuer, keys), found by their id; repeatable.]:dir:'
        '--contexts[A folder of extra JSON-LD contexts (with an INDEX.tsv\: URL, tab, file) beyond the bundled ones.]:dir:'
        '--accept[Count learner-record credentials whose proof could not be checked (`unverified`); reports name each one. Never counts a failed, self-signed, revoked or expired one.]:unverified:{__cairn_complete "${___accept[@]}"}'
        '--lenient[Run despite problems `cairn validate` finds in the files this command reads (an unknown badge or pathway id, a requirement that can never be met); they are printed as warnings.]'
        '--color[Colour the status marks\: auto (only on a terminal, and not when NO_COLOR is set), always or never.]:color:{__cairn_complete "${___color[@]}"}'
        '--no-color[No colour (as --color never).]'
        '--ascii[Write ASCII in place of the status marks, tree branches and arrows (also when the locale is not UTF-8).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_roles_match() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'csv')
    local -ar ___accept=('unverified')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--role[The role\: an occupation URI or a profile id.]:id:'
        '--cohort[Run over every learner in the store (cairn learners import puts them there).]'
        '*--learners[Learner record files or folders of them, or a student information system'\''s CSV export read directly; repeatable.]:dir|csv:'
        '*--map[With --learners CSV\: the export'\''s header for a field, as FIELD=HEADER (learner="Student ID"); repeatable.]:field=header:'
        '--map-file[With --learners CSV\: a file of `field\: Header` lines.]:file:'
        '--output[Write the cohort'\''s results to this file, replaced only when the run succeeds (default\: standard output).]:file:'
        '--no-progress[No progress bar on standard error (it is shown only on a terminal).]'
        '--top[How many people to show, best first (0\: all).]:top:'
        '--as-of[The day to evaluate on (YYYY-MM-DD); default today, UTC.]:date:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--keys[A folder of public keys (JWK, PEM public keys or X.509 certificates, or Open Badges 2.0 CryptographicKey JSON), matched by key id.]:dir:'
        '--status-lists[A folder of status and revocation lists (an INDEX.tsv there maps each list'\''s URL to its file).]:dir:'
        '*--resolve[A folder of documents that Open Badges 2.0 assertions refer to (BadgeClass, Issuer, keys), found by their id; repeatable.]:dir:'
        '--contexts[A folder of extra JSON-LD contexts (with an INDEX.tsv\: URL, tab, file) beyond the bundled ones.]:dir:'
        '--accept[Count learner-record credentials whose proof could not be checked (`unverified`); reports name each one. Never counts a failed, self-signed, revoked or expired one.]:unverified:{__cairn_complete "${___accept[@]}"}'
        '--lenient[Run despite problems `cairn validate` finds in the files this command reads (an unknown badge or pathway id, a requirement that can never be met); they are printed as warnings.]'
        '--color[Colour the status marks\: auto (only on a terminal, and not when NO_COLOR is set), always or never.]:color:{__cairn_complete "${___color[@]}"}'
        '--no-color[No colour (as --color never).]'
        '--ascii[Write ASCII in place of the status marks, tree branches and arrows (also when the locale is not UTF-8).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_roles_matrix() {
    local -i ret=1
    local -ar ___header=('titles' 'ids')
    local -ar ___accept=('unverified')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--cohort[Run over every learner in the store (cairn learners import puts them there).]'
        '*--learners[Learner record files or folders of them, or a student information system'\''s CSV export read directly; repeatable.]:dir|csv:'
        '*--map[With --learners CSV\: the export'\''s header for a field, as FIELD=HEADER (learner="Student ID"); repeatable.]:field=header:'
        '--map-file[With --learners CSV\: a file of `field\: Header` lines.]:file:'
        '--output[Write the cohort'\''s results to this file, replaced only when the run succeeds (default\: standard output).]:file:'
        '--no-progress[No progress bar on standard error (it is shown only on a terminal).]'
        '--roles[Only these roles (comma-separated ids, UUIDs or titles); default every role.]:ids:'
        '--header[How the header names the roles\: titles ("data analyst \[URI\]") or bare ids.]:header:{__cairn_complete "${___header[@]}"}'
        '--as-of[The day to evaluate on (YYYY-MM-DD); default today, UTC.]:date:'
        '--keys[A folder of public keys (JWK, PEM public keys or X.509 certificates, or Open Badges 2.0 CryptographicKey JSON), matched by key id.]:dir:'
        '--status-lists[A folder of status and revocation lists (an INDEX.tsv there maps each list'\''s URL to its file).]:dir:'
        '*--resolve[A folder of documents that Open Badges 2.0 assertions refer to (BadgeClass, Issuer, keys), found by their id; repeatable.]:dir:'
        '--contexts[A folder of extra JSON-LD contexts (with an INDEX.tsv\: URL, tab, file) beyond the bundled ones.]:dir:'
        '--accept[Count learner-record credentials whose proof could not be checked (`unverified`); reports name each one. Never counts a failed, self-signed, revoked or expired one.]:unverified:{__cairn_complete "${___accept[@]}"}'
        '--lenient[Run despite problems `cairn validate` finds in the files this command reads (an unknown badge or pathway id, a requirement that can never be met); they are printed as warnings.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_roles_list() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_plan() {
    local -i ret=1
    local -ar ___minimize=('count' 'hours' 'cost')
    local -ar ___format=('text' 'json' 'csv' 'jsonl')
    local -ar ___accept=('unverified')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--pathway[A pathway id from the workspace, or a pathway file.]:id|file:'
        '--all[Rank every pathway of the workspace by what is left to earn.]'
        '--learner[A learner record file, the id of a learner bundled in the workspace, or one in the store.]:file|id:'
        '--cohort[Run over every learner in the store (cairn learners import puts them there).]'
        '*--learners[Learner record files or folders of them, or a student information system'\''s CSV export read directly; repeatable.]:dir|csv:'
        '*--map[With --learners CSV\: the export'\''s header for a field, as FIELD=HEADER (learner="Student ID"); repeatable.]:field=header:'
        '--map-file[With --learners CSV\: a file of `field\: Header` lines.]:file:'
        '--output[Write the cohort'\''s results to this file, replaced only when the run succeeds (default\: standard output).]:file:'
        '--no-progress[No progress bar on standard error (it is shown only on a terminal).]'
        '--version[Plan in this version of the pathway, not the one that applies to the learner.]:version:'
        '--destination[For a pathway with several destinations\: the one to plan for (default\: the nearest).]:id:'
        '--milestone[Plan for a milestone of the pathway instead (the badge it awards, or its requirement id).]:badge|id:'
        '--minimize[What to minimise.]:minimize:{__cairn_complete "${___minimize[@]}"}'
        '--as-of[The day to evaluate on (YYYY-MM-DD); default today, UTC.]:date:'
        '--by[Do not rely on held badges that lapse before this day (default\: the as-of date).]:date:'
        '*--assume[Plan as if this badge were earned on the as-of day (repeatable).]:badge:'
        '--format[Output format\: text or json; for a cohort csv (one row per learner and pathway), jsonl or text (a summary).]:format:{__cairn_complete "${___format[@]}"}'
        '--keys[A folder of public keys (JWK, PEM public keys or X.509 certificates, or Open Badges 2.0 CryptographicKey JSON), matched by key id.]:dir:'
        '--status-lists[A folder of status and revocation lists (an INDEX.tsv there maps each list'\''s URL to its file).]:dir:'
        '*--resolve[A folder of documents that Open Badges 2.0 assertions refer to (BadgeClass, Issuer, keys), found by their id; repeatable.]:dir:'
        '--contexts[A folder of extra JSON-LD contexts (with an INDEX.tsv\: URL, tab, file) beyond the bundled ones.]:dir:'
        '--accept[Count learner-record credentials whose proof could not be checked (`unverified`); reports name each one. Never counts a failed, self-signed, revoked or expired one.]:unverified:{__cairn_complete "${___accept[@]}"}'
        '--lenient[Run despite problems `cairn validate` finds in the files this command reads (an unknown badge or pathway id, a requirement that can never be met); they are printed as warnings.]'
        '--color[Colour the status marks\: auto (only on a terminal, and not when NO_COLOR is set), always or never.]:color:{__cairn_complete "${___color[@]}"}'
        '--no-color[No colour (as --color never).]'
        '--ascii[Write ASCII in place of the status marks, tree branches and arrows (also when the locale is not UTF-8).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_verify() {
    local -i ret=1
    local -ar ___accept=('unverified')
    local -ar ___format=('text' 'json')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '*:file:'
        '--keys[A folder of public keys (JWK, PEM public keys or X.509 certificates, or Open Badges 2.0 CryptographicKey JSON), matched by key id.]:dir:'
        '--status-lists[A folder of status and revocation lists (an INDEX.tsv there maps each list'\''s URL to its file).]:dir:'
        '*--resolve[A folder of documents that Open Badges 2.0 assertions refer to (BadgeClass, Issuer, keys), found by their id; repeatable.]:dir:'
        '--contexts[A folder of extra JSON-LD contexts (with an INDEX.tsv\: URL, tab, file) beyond the bundled ones.]:dir:'
        '--accept[Count learner-record credentials whose proof could not be checked (`unverified`); reports name each one. Never counts a failed, self-signed, revoked or expired one.]:unverified:{__cairn_complete "${___accept[@]}"}'
        '--workspace[The workspace whose badge catalogues list the keys trusted for each issuer.]:dir:'
        '--as-of[The day to evaluate on (YYYY-MM-DD); default today, UTC.]:date:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--color[Colour the status marks\: auto (only on a terminal, and not when NO_COLOR is set), always or never.]:color:{__cairn_complete "${___color[@]}"}'
        '--no-color[No colour (as --color never).]'
        '--ascii[Write ASCII in place of the status marks, tree branches and arrows (also when the locale is not UTF-8).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_graph() {
    local -i ret=1
    local -ar ___minimize=('count' 'hours' 'cost')
    local -ar ___format=('dot' 'mermaid')
    local -ar ___accept=('unverified')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--pathway[A pathway id from the workspace, or a pathway file.]:id|file:'
        '--learner[A learner record file (YAML or JSON), or the id of a learner bundled in the workspace; without it the tree is drawn without status.]:file:'
        '--as-of[The day to evaluate on (YYYY-MM-DD); default today, UTC.]:date:'
        '--minimize[What the plan marked on the graph minimises (as `cairn plan --minimize`).]:minimize:{__cairn_complete "${___minimize[@]}"}'
        '--by[Do not rely on held badges that lapse before this day (default\: the as-of date), as `cairn plan --by`.]:date:'
        '--format[Output format\: dot (Graphviz) or mermaid.]:format:{__cairn_complete "${___format[@]}"}'
        '--keys[A folder of public keys (JWK, PEM public keys or X.509 certificates, or Open Badges 2.0 CryptographicKey JSON), matched by key id.]:dir:'
        '--status-lists[A folder of status and revocation lists (an INDEX.tsv there maps each list'\''s URL to its file).]:dir:'
        '*--resolve[A folder of documents that Open Badges 2.0 assertions refer to (BadgeClass, Issuer, keys), found by their id; repeatable.]:dir:'
        '--contexts[A folder of extra JSON-LD contexts (with an INDEX.tsv\: URL, tab, file) beyond the bundled ones.]:dir:'
        '--accept[Count learner-record credentials whose proof could not be checked (`unverified`); reports name each one. Never counts a failed, self-signed, revoked or expired one.]:unverified:{__cairn_complete "${___accept[@]}"}'
        '--lenient[Run despite problems `cairn validate` finds in the files this command reads (an unknown badge or pathway id, a requirement that can never be met); they are printed as warnings.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_pathways() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:Every pathway: id, title, the badge it awards, its block credit, its file.'
            'show:One pathway'\''s requirements, as a tree.'
            'import:Turn a CTDL pathway (Credential Registry JSON-LD) or a Badgr pathway export into Cairn pathway YAML.'
            'export:Write a workspace pathway as a CTDL pathway (Credential Registry JSON-LD).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|import|export)
            "_cairn_pathways_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_pathways_list() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_pathways_show() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        ':id|file:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--color[Colour the status marks\: auto (only on a terminal, and not when NO_COLOR is set), always or never.]:color:{__cairn_complete "${___color[@]}"}'
        '--no-color[No colour (as --color never).]'
        '--ascii[Write ASCII in place of the status marks, tree branches and arrows (also when the locale is not UTF-8).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_pathways_import() {
    local -i ret=1
    local -ar ___format=('ctdl' 'badgr')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        ':file:'
        '--format[The file'\''s format\: ctdl or badgr.]:format:{__cairn_complete "${___format[@]}"}'
        '--out[The folder to write into (default\: Pathways/<id>/ in the workspace).]:dir:'
        '--force[Replace files that exist.]'
        '--no-extensions[Read the CTDL terms alone, ignoring the cairn\: extension terms Cairn writes.]'
        '--json[Print the summary as JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_pathways_export() {
    local -i ret=1
    local -ar ___format=('ctdl' 'badgr')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        ':id:'
        '--format[The format to write\: ctdl.]:format:{__cairn_complete "${___format[@]}"}'
        '--out[Write to this file instead of standard output.]:file:'
        '--force[Replace the --out file if it exists.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_badges() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:Every badge class of the workspace'\''s catalogues: id, name, issuer, credits, tags.'
            'show:One badge class whole, and the pathways that name it.'
            'inspect:Show an Open Badges file: the achievement, criteria, evidence, issuer, dates and status, credits, alignments and ids.'
            'import:Make a badge catalogue (YAML) from an issuer'\''s Open Badges achievements: OB 3.0 Achievements, OB 2.0 BadgeClasses, or credentials that embed them.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|inspect|import)
            "_cairn_badges_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_badges_list() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--tag[Only badges with this tag.]:tag:'
        '--issuer[Only badges of this issuer (its id).]:id:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_badges_show() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        ':id:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_badges_inspect() {
    local -i ret=1
    local -ar ___accept=('unverified')
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        ':file:'
        '--keys[A folder of public keys (JWK, PEM public keys or X.509 certificates, or Open Badges 2.0 CryptographicKey JSON), matched by key id.]:dir:'
        '--status-lists[A folder of status and revocation lists (an INDEX.tsv there maps each list'\''s URL to its file).]:dir:'
        '*--resolve[A folder of documents that Open Badges 2.0 assertions refer to (BadgeClass, Issuer, keys), found by their id; repeatable.]:dir:'
        '--contexts[A folder of extra JSON-LD contexts (with an INDEX.tsv\: URL, tab, file) beyond the bundled ones.]:dir:'
        '--accept[Count learner-record credentials whose proof could not be checked (`unverified`); reports name each one. Never counts a failed, self-signed, revoked or expired one.]:unverified:{__cairn_complete "${___accept[@]}"}'
        '--workspace[The workspace whose badge catalogues list the keys trusted for each issuer.]:dir:'
        '--as-of[The day to evaluate on (YYYY-MM-DD); default today, UTC.]:date:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_badges_import() {
    local -i ret=1
    local -ar arg_specs=(
        '*:file:'
        '--out[Write the catalogue to this file (refused if it exists, unless --force); default\: standard output.]:file:'
        '--force[Replace the --out file if it exists.]'
        '--credit-unit[The unit of the achievements'\'' creditsAvailable (Open Badges 3.0 credits have none), e.g. ECTS.]:unit:'
        '--issuer[The issuer whose achievements to take, when the files name several (a CLR transcript lists many issuers'\'').]:id:'
        '*--resolve[A folder of documents the files refer to (an OB 2.0 BadgeClass'\''s Issuer), found by their id; repeatable.]:dir:'
        '--workspace[The workspace whose catalogues already hold some of these achievements (they are left out).]:dir:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_learners() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'import:Import learners and their earnings into the store.'
            'list:Every learner in the store, with how many earnings each has.'
            'show:One learner'\''s record from the store, as a learner record file (YAML) that audits the same, or as JSON with where each earning came from.'
            'remove:Remove learners and their earnings from the store (their registrar exceptions are kept).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        import|list|show|remove)
            "_cairn_learners_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_learners_import() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar ___accept=('unverified')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '*:file:'
        '*--map[The export'\''s header for a field, as FIELD=HEADER (learner="Student ID"); repeatable.]:field=header:'
        '--map-file[A file of `field\: Header` lines naming the export'\''s columns.]:file:'
        '--recipients[A CSV with the columns recipient and learner\: whose each Open Badges recipient (e-mail, DID, id) is.]:file:'
        '--replace[A full re-sync\: earnings of the kinds imported (SIS rows, records, credentials) that these files no longer list are removed, and listed. All files are then imported in one transaction, or none.]'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--no-progress[No progress bar on standard error (it is shown only on a terminal).]'
        '--keys[A folder of public keys (JWK, PEM public keys or X.509 certificates, or Open Badges 2.0 CryptographicKey JSON), matched by key id.]:dir:'
        '--status-lists[A folder of status and revocation lists (an INDEX.tsv there maps each list'\''s URL to its file).]:dir:'
        '*--resolve[A folder of documents that Open Badges 2.0 assertions refer to (BadgeClass, Issuer, keys), found by their id; repeatable.]:dir:'
        '--contexts[A folder of extra JSON-LD contexts (with an INDEX.tsv\: URL, tab, file) beyond the bundled ones.]:dir:'
        '--accept[Count learner-record credentials whose proof could not be checked (`unverified`); reports name each one. Never counts a failed, self-signed, revoked or expired one.]:unverified:{__cairn_complete "${___accept[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_learners_list() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'csv')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_learners_show() {
    local -i ret=1
    local -ar ___format=('yaml' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        ':learner:'
        '--format[Output format\: yaml (a learner record file) or json (with provenance).]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_learners_remove() {
    local -i ret=1
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '*:learners:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_exceptions() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Record one exception for one learner.'
            'list:The exceptions on record, in the order recorded.'
            'remove:Revoke an exception: it stops applying and stays on record with who removed it and why.'
            'import:Record exceptions from a CSV: every row or, if any row is wrong, none.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|list|remove|import)
            "_cairn_exceptions_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_exceptions_add() {
    local -i ret=1
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--learner[The learner'\''s id.]:id:'
        '--pathway[The pathway it applies to.]:id:'
        '--waive[Waive this requirement (its id or position).]:requirement:'
        '--substitute[Let this badge count for the requirement given with --for.]:badge:'
        '--for[With --substitute\: the requirement.]:requirement:'
        '--outside[Add an earning from outside the catalogue, with this title (transfer credit, prior learning).]:title:'
        '--issued[With --outside\: the day it was earned.]:date:'
        '--institution[With --outside\: who awarded it.]:name:'
        '--credits[With --outside\: its credit, as "3 ECTS".]:amount unit:'
        '--counts-as[With --outside\: the catalogue badge it counts as.]:badge:'
        '*--tag[With --outside\: a tag it carries, so tag filters count it; repeatable.]:tag:'
        '--block[Block this badge\: its earnings never count for the learner.]:badge:'
        '--by[Who decided (kept with the exception).]:name:'
        '--reason[Why, in words a student and an auditor can read.]:text:'
        '--on[The day it was decided (default today, UTC); audits as of an earlier day do not apply it.]:date:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_exceptions_list() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'csv')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--learner[Only this learner'\''s.]:id:'
        '--all[Removed exceptions too, with who removed them and why.]'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_exceptions_remove() {
    local -i ret=1
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        ':id:'
        '--by[Who removes it.]:name:'
        '--reason[Why.]:text:'
        '--on[The day (default today, UTC).]:date:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_exceptions_import() {
    local -i ret=1
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        ':file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_frameworks() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'import:Import framework files (ESCO, SFIA, SKOS, CASE) into the framework store.'
            'list:List the frameworks imported into the store, with their sizes.'
            'triples:Print an RDF/XML file as N-Triples, to see what Cairn reads'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        import|list|triples)
            "_cairn_frameworks_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_frameworks_import() {
    local -i ret=1
    local -ar arg_specs=(
        '*:file:'
        '--format[The files'\'' format\: auto (tell from each file), esco-rdf, esco-csv, sfia-rdf, sfia-csv, sfia-xlsx, skos-rdf, case.]:format:'
        '--lang[Keep labels in these languages only, comma-separated (default\: all).]:codes:'
        '--name[Store the framework under this name instead of the one the file gives.]:name:'
        '--version[Store the framework with this version instead of the one the file gives.]:version:'
        '--json[Print the summary as JSON (--format names the input format here).]'
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_frameworks_list() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_frameworks_triples() {
    local -i ret=1
    local -ar arg_specs=(
        ':file:'
        '--base[The document'\''s base IRI, for relative IRIs and rdf\:ID (default\: the file'\''s file\: URL).]:iri:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_skills() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'search:Search the skills of the imported frameworks, and of the workspace'\''s framework files, by label.'
            'show:Show a skill: its labels, broader and narrower skills, and the occupations that need it.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        search|show)
            "_cairn_skills_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_skills_search() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        ':text:'
        '--framework[Only skills of this framework (esco, sfia, ...).]:id:'
        '--lang[Only labels in this language, and show labels in it (default\: match any language, show English).]:code:'
        '--limit[The most skills to show.]:n:'
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_skills_show() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        ':id:'
        '--framework[The skill'\''s framework (default\: the first framework that has it).]:id:'
        '--lang[Show labels in this language (default\: English; JSON\: all languages).]:code:'
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_rdf() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'canonicalize:Print the RDFC-1.0 canonical N-Quads of an N-Quads file, to compare Cairn with another implementation.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        canonicalize)
            "_cairn_rdf_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_rdf_canonicalize() {
    local -i ret=1
    local -ar ___hash=('SHA256' 'SHA384')
    local -ar arg_specs=(
        ':file:'
        '--hash[The hash function\: sha256 (default, as eddsa-rdfc-2022 uses) or sha384.]:hash:{__cairn_complete "${___hash[@]}"}'
        '--map[Print the issued identifiers map (JSON) instead of the canonical N-Quads.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_serve() {
    local -i ret=1
    local -ar ___issue_format=('ob3-json' 'vc-jwt')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--host[The address to listen on.]:address:'
        '--port[The port to listen on (0\: any free port, printed when listening).]:port:'
        '--secure-cookies[Mark the session cookie Secure (behind a TLS-terminating proxy).]'
        '--max-body[The largest request body accepted, in bytes (uploads included).]:bytes:'
        '--recipients[A CSV of recipient identities (DIDs, e-mails, hashed recipients) and the learners they are (columns recipient, learner), for uploaded credentials.]:csv:'
        '--issuer-key[The issuer'\''s private key file (as `cairn keys generate` writes it)\: enables issuing over the API (POST /v1/issue, revoking).]:file:'
        '--issue-format[How issued credentials are written\: ob3-json (an eddsa-rdfc-2022 proof) or vc-jwt (a compact JWS).]:issue-format:{__cairn_complete "${___issue_format[@]}"}'
        '--status-list[A status list in the store (its URL, made with `cairn status-list create`) that issued credentials get an entry in.]:url:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_tokens() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'create:Create a token and print its secret once (the store keeps only its SHA-256).'
            'list:Every token: id, role, learner, label, created, expiry, revoked.'
            'revoke:Revoke a token: it and every session signed in with it stop working at once.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|list|revoke)
            "_cairn_tokens_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_tokens_create() {
    local -i ret=1
    local -ar ___role=('admin' 'registrar' 'hr' 'learner')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--role[What the token may see and do\: admin, registrar, hr or learner.]:role:{__cairn_complete "${___role[@]}"}'
        '--learner[For a learner token\: the learner (in the store) it speaks for.]:id:'
        '--expires[When it stops working\: an ISO 8601 duration of days, weeks or hours (P90D, P12W, PT8H).]:duration:'
        '--label[A note to tell tokens apart.]:text:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_tokens_list() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_tokens_revoke() {
    local -i ret=1
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_jobs() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'submit:Submit a job over every learner in the store: audit --pathway ID, credits --policy ID, or renewals.'
            'status:A job'\''s state (waiting, running, done, failed), its chunks waiting, running and done, its results and any failure.'
            'results:Write a finished job'\''s results in the cohort'\''s order: what `cairn audit --cohort` (or credits, renewals) writes.'
            'list:Every job in the store, newest first: id, what it computes, state, chunks done, learners.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        submit|status|results|list)
            "_cairn_jobs_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_jobs_submit() {
    local -i ret=1
    local -ar _kind=('audit' 'credits' 'renewals')
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        ':kind:{__cairn_complete "${_kind[@]}"}'
        '--pathway[For an audit\: the pathway id.]:id:'
        '--policy[For credits\: the credit policy id.]:id:'
        '--as-of[The day to evaluate on (YYYY-MM-DD); default today, UTC.]:date:'
        '--chunk-size[Learners per chunk\: what one worker claims at a time.]:n:'
        '--format[Output format\: text (the job'\''s id) or json (the job).]:format:{__cairn_complete "${___format[@]}"}'
        '--lenient[Run despite problems `cairn validate` finds in the files this command reads (an unknown badge or pathway id, a requirement that can never be met); they are printed as warnings.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_jobs_status() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        ':id:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_jobs_results() {
    local -i ret=1
    local -ar ___format=('csv' 'jsonl')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        ':id:'
        '--format[Output format\: csv (with the cohort run'\''s header) or jsonl.]:format:{__cairn_complete "${___format[@]}"}'
        '--output[Write the results to this file, replaced only when all are written (default\: standard output).]:file:'
        '--partial[Write the results stored so far, even of an unfinished or failed job.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_jobs_list() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--format[Output format.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_worker() {
    local -i ret=1
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--lease[How long a claim lasts, in seconds\: a chunk must be computed within it.]:seconds:'
        '--job[Work on this job only.]:id:'
        '--name[The worker'\''s name, kept with the chunks it claims (default\: host\:pid).]:name:'
        '--until-idle[Exit (status 0) once nothing is left to claim, instead of waiting for new jobs.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_issue() {
    local -i ret=1
    local -ar ___format=('ob3-json' 'vc-jwt')
    local -ar ___accept=('unverified')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--pathway[The pathway whose badge is issued.]:id:'
        '--learner[A learner record file, the id of a learner bundled in the workspace, or one in the store.]:file|id:'
        '--cohort[Run over every learner in the store (cairn learners import puts them there).]'
        '*--learners[Learner record files or folders of them, or a student information system'\''s CSV export read directly; repeatable.]:dir|csv:'
        '*--map[With --learners CSV\: the export'\''s header for a field, as FIELD=HEADER (learner="Student ID"); repeatable.]:field=header:'
        '--map-file[With --learners CSV\: a file of `field\: Header` lines.]:file:'
        '--output[Write the cohort'\''s results to this file, replaced only when the run succeeds (default\: standard output).]:file:'
        '--no-progress[No progress bar on standard error (it is shown only on a terminal).]'
        '--as-of[The day to evaluate on (YYYY-MM-DD); default today, UTC.]:date:'
        '--key[The issuer'\''s private key file, as `cairn keys generate` writes it (JWK or PKCS#8 PEM).]:file:'
        '--award[For a pathway with destinations or milestones\: issue the badge one of them awards, when reached (recorded as PATHWAY#BADGE, once per learner).]:badge:'
        '--format[ob3-json (an eddsa-rdfc-2022 proof) or vc-jwt (a compact JWS).]:format:{__cairn_complete "${___format[@]}"}'
        '--status-list[A status list in the store (its URL) to give the credential an entry in.]:url:'
        '--result[The learner'\''s result on the awarded badge'\''s scale (one learner).]:value:'
        '--bake[Bake the credential into this PNG or SVG image (one learner; needs --out).]:image:'
        '--out[Where to write\: a file for one learner (else standard output), a folder for a cohort.]:path:'
        '--keys[A folder of public keys (JWK, PEM public keys or X.509 certificates, or Open Badges 2.0 CryptographicKey JSON), matched by key id.]:dir:'
        '--status-lists[A folder of status and revocation lists (an INDEX.tsv there maps each list'\''s URL to its file).]:dir:'
        '*--resolve[A folder of documents that Open Badges 2.0 assertions refer to (BadgeClass, Issuer, keys), found by their id; repeatable.]:dir:'
        '--contexts[A folder of extra JSON-LD contexts (with an INDEX.tsv\: URL, tab, file) beyond the bundled ones.]:dir:'
        '--accept[Count learner-record credentials whose proof could not be checked (`unverified`); reports name each one. Never counts a failed, self-signed, revoked or expired one.]:unverified:{__cairn_complete "${___accept[@]}"}'
        '--lenient[Run despite problems `cairn validate` finds in the files this command reads (an unknown badge or pathway id, a requirement that can never be met); they are printed as warnings.]'
        '--color[Colour the status marks\: auto (only on a terminal, and not when NO_COLOR is set), always or never.]:color:{__cairn_complete "${___color[@]}"}'
        '--no-color[No colour (as --color never).]'
        '--ascii[Write ASCII in place of the status marks, tree branches and arrows (also when the locale is not UTF-8).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_keys() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'generate:Generate an issuer'\''s signing key (Ed25519 or P-256) into a folder; print only the public key.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        generate)
            "_cairn_keys_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_keys_generate() {
    local -i ret=1
    local -ar ___algorithm=('ed25519' 'p256')
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--issuer[The issuer\: its https URL (the id its badge catalogue gives it), or did\:key.]:url|did\:key:'
        '--algorithm[The key'\''s algorithm\: ed25519 (signs ob3-json and vc-jwt EdDSA) or p256 (vc-jwt ES256).]:algorithm:{__cairn_complete "${___algorithm[@]}"}'
        '--out[The folder to write the key files into (made if missing).]:dir:'
        '--name[The issuer'\''s name, for the profile (an https issuer only).]:text:'
        '--format[Output format\: text or json.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_status-list() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'create:Create a status list (all entries clear), sign it and keep it in the store.'
            'revoke:Revoke an issued credential: set its bit in its status list and sign the list again.'
            'publish:Write a status list'\''s latest signed credential, for the issuer to serve at its URL.'
            'list:List the status lists in the store.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|revoke|publish|list)
            "_cairn_status-list_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cairn_status-list_create() {
    local -i ret=1
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--url[The https URL the list will be published at\: its id.]:url:'
        '--issuer[The issuer (its id in the badge catalogues); by default the one the key belongs to.]:id:'
        '--size[The number of entries (at least 131072, the W3C minimum, so an index tells nobody whose it is).]:n:'
        '--key[The issuer'\''s Ed25519 private key file.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_status-list_revoke() {
    local -i ret=1
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        ':credential-id:'
        '--reason[Why, for the store'\''s record.]:text:'
        '--key[The Ed25519 private key file the list is signed with.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_status-list_publish() {
    local -i ret=1
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        ':url:'
        '--out[A file to write (else standard output); a folder gets a file named after the URL.]:path:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_status-list_list() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--workspace[The workspace folder, holding Frameworks/ and Pathways/.]:dir:'
        '--store[The store as a SQLite file (default\: .cairn/store.sqlite inside the workspace); the same as --database sqlite\:FILE.]:file:'
        '--database[The store'\''s database\: sqlite\:PATH or postgres\://USER@HOST\:PORT/DATABASE (default\: $CAIRN_DATABASE_URL, else the SQLite store).]:url:'
        '--format[Output format\: text or json.]:format:{__cairn_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cairn_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _cairn ]]; then
    _cairn "${@}"
else
    compdef _cairn cairn
fi
