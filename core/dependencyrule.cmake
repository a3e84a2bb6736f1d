# The dependency rule of docs/architecture.md §1-2, written once. The build runs it
# before javumbo_core and javumbo_loadtest (core/CMakeLists.txt), and
# tests/build/tst_dependencyrule runs it over the tree and over a copy with a
# planted forbidden include, so the rule the test proves is the rule the build keeps.
#
#   cmake -DJAVUMBO_SOURCE_DIR=<tree> [-DJAVUMBO_STAMP=<file>] -P core/dependencyrule.cmake
#
# Exit 0 (and the stamp written) when every #include of core/, server/ and
# gui/ is allowed; otherwise one "file:line: error:" line per offence and a
# non-zero exit.

# Core's layers, lowest first. A module may include itself and the modules
# listed for it, nothing else of core; everything may include common. The
# lists are today's real includes, not everything below: a new edge is a
# decision, made here.
#   javumbo_core:     common; scheduling, metrics; postgres; storage (its second
#                     engine runs on postgres); collection, accounts, sessions,
#                     locking; interop; services
# interop (Anki packages and text files, docs/scheduling.md §11) sits above
# collection and below services: formats are data that merge into a
# collection inside its WriteContext; taking the user's lock is the
# services' job (services/interopservice).
#   javumbo_loadtest: history, net; integrity; loadtest
set(layer_common 0)
set(allowed_common "")
set(layer_scheduling 1)
set(allowed_scheduling "common")
set(layer_metrics 1)
set(allowed_metrics "common")
set(layer_postgres 2)
set(allowed_postgres "common")
set(layer_storage 3)
set(allowed_storage "common;scheduling;postgres")
set(layer_collection 4)
set(allowed_collection "common;scheduling;storage")
set(layer_accounts 4)
set(allowed_accounts "common;storage")
set(layer_sessions 4)
set(allowed_sessions "common;storage;postgres;accounts")
set(layer_locking 4)
set(allowed_locking "common")
set(layer_interop 5)
set(allowed_interop "common;scheduling;storage;collection")
set(layer_services 6)
set(allowed_services "common;scheduling;storage;postgres;collection;accounts;sessions;locking;interop")
set(layer_history 7)
set(allowed_history "common")
set(layer_net 7)
set(allowed_net "common")
set(layer_integrity 8)
set(allowed_integrity "common;storage;postgres;collection;accounts;history;net")
set(layer_loadtest 9)
set(allowed_loadtest "common;metrics;history;net;integrity")

# The outward rules (docs/architecture.md §1): by include spelling, so a header that
# happens to be on some include path cannot slip through.
set(forbidden_core
    "^(QtWidgets|QtGui|QtHttpServer|QtCharts|QtConcurrent)/|^Q(Widget|MainWindow|Dialog|Application|HttpServer[A-Za-z0-9_]*|AbstractHttpServer|Chart[A-Za-z0-9_]*|Painter|PushButton|Label)$|^(gui|server)/|^(mainwindow|apiserver)\\.h$")
set(why_core "core never includes Widgets, Gui, HttpServer, Charts, Concurrent, gui/ or server/")
set(forbidden_server
    "^(QtWidgets|QtCharts)/|^Q(Widget|MainWindow|Dialog|Application|Chart[A-Za-z0-9_]*)$|^(gui|loadtest|history|net|integrity)/")
set(why_server "server never includes Widgets, Charts, gui/ or the load tester (history/, net/, integrity/, loadtest/)")
set(forbidden_gui "^QtHttpServer/|^Q(HttpServer[A-Za-z0-9_]*|AbstractHttpServer)$|^server/")
set(why_gui "gui never includes HttpServer or server/")
# The glue library (hosting/, included by bare file name) and the developer
# tools sit above gui and server: neither may reach up to them.
set(why_hosting "only app/ and tools/ use the hosting library; gui/ and server/ stay below it")

cmake_minimum_required(VERSION 3.25) # policies of the build, in script mode too

if(NOT JAVUMBO_SOURCE_DIR)
    message(FATAL_ERROR "dependency rule: pass -DJAVUMBO_SOURCE_DIR=<source tree>")
endif()
set(root "${JAVUMBO_SOURCE_DIR}")
set(offences "")
set(files_checked 0)
set(includes_checked 0)

# Appends "path:line: error: #include ...: why" to `offences`; the line
# is found again by its text (file(STRINGS) does not number lines).
function(offend file include_line why)
    file(READ "${root}/${file}" text)
    string(FIND "${text}" "${include_line}" at)
    set(line 1)
    if(at GREATER 0)
        string(SUBSTRING "${text}" 0 ${at} before)
        string(REGEX MATCHALL "\n" newlines "${before}")
        list(LENGTH newlines count)
        math(EXPR line "${count} + 1")
    endif()
    string(STRIP "${include_line}" spelled)
    set(offences "${offences}${file}:${line}: error: ${spelled}: ${why}\n" PARENT_SCOPE)
endfunction()

# The core module an include names, or "" when it is not core's.
# `dir` is the including file's folder, relative to the tree.
function(core_module_of dir header out)
    set(module "")
    if(EXISTS "${root}/${dir}/${header}")
        cmake_path(APPEND dir "${header}" OUTPUT_VARIABLE resolved)
        cmake_path(NORMAL_PATH resolved)
        if(resolved MATCHES "^core/([^/]+)/")
            set(module "${CMAKE_MATCH_1}")
        elseif(NOT resolved MATCHES "^core/")
            set(module "<outside core: ${resolved}>")
        endif()
    elseif(header MATCHES "^([^/]+)/")
        # Two steps: ${CMAKE_MATCH_1} in the same if() would be expanded
        # before MATCHES sets it (a <sys/...> include then looked like core's).
        set(folder "${CMAKE_MATCH_1}")
        if(IS_DIRECTORY "${root}/core/${folder}")
            set(module "${folder}")
        endif()
    endif()
    set(${out} "${module}" PARENT_SCOPE)
endfunction()

foreach(area core server gui)
    file(GLOB_RECURSE sources RELATIVE "${root}" "${root}/${area}/*.h" "${root}/${area}/*.cpp")
    list(SORT sources)
    foreach(file IN LISTS sources)
        math(EXPR files_checked "${files_checked} + 1")
        cmake_path(GET file PARENT_PATH dir)
        set(module "")
        if(area STREQUAL "core")
            if(NOT file MATCHES "^core/([^/]+)/")
                string(APPEND offences "${file}:1: error: core's sources live in a module folder (core/<module>/)\n")
                continue()
            endif()
            set(module "${CMAKE_MATCH_1}")
            if(NOT DEFINED layer_${module})
                string(APPEND offences
                    "${file}:1: error: core/${module}/ has no layer: give it one in core/dependencyrule.cmake\n")
                continue()
            endif()
        endif()
        file(STRINGS "${root}/${file}" include_lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"][^>\"]+[>\"]")
        foreach(include_line IN LISTS include_lines)
            string(REGEX MATCH "[<\"]([^>\"]+)[>\"]" ignored "${include_line}")
            set(header "${CMAKE_MATCH_1}")
            math(EXPR includes_checked "${includes_checked} + 1")
            if(header MATCHES "${forbidden_${area}}")
                offend("${file}" "${include_line}" "${why_${area}}")
                continue()
            endif()
            if(NOT area STREQUAL "core")
                if(NOT header MATCHES "/" AND NOT EXISTS "${root}/${dir}/${header}"
                   AND EXISTS "${root}/hosting/${header}")
                    offend("${file}" "${include_line}" "${why_hosting}")
                endif()
                continue()
            endif()
            core_module_of("${dir}" "${header}" target)
            if(target STREQUAL "" OR target STREQUAL module OR target STREQUAL "common")
                continue()
            endif()
            if(NOT target IN_LIST allowed_${module})
                set(allowed "common" ${allowed_${module}})
                list(REMOVE_DUPLICATES allowed)
                string(REPLACE ";" ", " allowed "${allowed}")
                if(DEFINED layer_${target})
                    set(where "${target} is layer ${layer_${target}}")
                else()
                    set(where "${target} is not a module of core")
                endif()
                offend("${file}" "${include_line}"
                    "${module} (layer ${layer_${module}}) may include from core only ${allowed}; ${where}")
            endif()
        endforeach()
    endforeach()
endforeach()

if(files_checked EQUAL 0)
    message(FATAL_ERROR "dependency rule: no sources under ${root}/core, server or gui")
endif()
if(NOT offences STREQUAL "")
    string(REGEX MATCHALL "\n" lines "${offences}")
    list(LENGTH lines count)
    message(NOTICE "${offences}")
    message(FATAL_ERROR "dependency rule: ${count} forbidden include(s) above; the layers are in core/dependencyrule.cmake")
endif()
if(JAVUMBO_STAMP)
    file(TOUCH "${JAVUMBO_STAMP}")
endif()
message(STATUS "dependency rule: ${files_checked} files, ${includes_checked} includes, every one allowed")
