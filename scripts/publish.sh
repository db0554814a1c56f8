#!/usr/bin/env bash
# The steps of .github/workflows/publish.yml, so that a test can run them as GitHub does.
#
#   scripts/publish.sh            on a push to main: build with the README's command (`make build`), then
#                                 commit the permalink registries the build updated and push them to the
#                                 branch (one commit, none if nothing changed). Deploy site/ only after it
#                                 succeeded: the next build, in a fresh checkout, then keeps every URL this
#                                 one published, as the registries are all it knows of what was published.
#   scripts/publish.sh --preview  on a pull request: build, and list the addresses it would publish
#                                 (GITHUB_STEP_SUMMARY too); fail if it drops one the branch it merges
#                                 into (PUBLISH_BASE, a branch of origin) has. Nothing is committed.
#
# SITE_URL (optional): the address the site will live at, written into mkdocs.yml as site_url.
# PUBLISH_BRANCH (optional): the branch to push to; by default the workflow's (GITHUB_REF_NAME), else
# the one checked out.
set -euo pipefail
cd "$(dirname "$0")/.."

REGISTRIES=(data/permalinks.yaml data/signatory-permalinks.yaml data/tag-permalinks.yaml)
mode=${1:-publish}
case "$mode" in publish|--preview) ;; *) echo "usage: scripts/publish.sh [--preview]" >&2; exit 2 ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The registries as published: the branch a pull request merges into, else this very commit.
base=HEAD
if [ "$mode" = --preview ] && [ -n "${PUBLISH_BASE:-}" ]; then
  git fetch --quiet --depth=1 origin "$PUBLISH_BASE"
  base=FETCH_HEAD
fi
mkdir "$work/base"
for registry in "${REGISTRIES[@]}"; do
  if git cat-file -e "$base:$registry" 2>/dev/null; then
    git show "$base:$registry" > "$work/base/$(basename "$registry")"
  fi
done

if [ -n "${SITE_URL:-}" ]; then
  sed -i "s#^site_url:.*#site_url: ${SITE_URL%/}/#" mkdocs.yml
  grep '^site_url:' mkdocs.yml
fi

make build

status=0
.venv/bin/letters registry-changes "$work/base" > "$work/changes" || status=$?
cat "$work/changes"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  { echo "### Permanent addresses"; echo; cat "$work/changes"; } >> "$GITHUB_STEP_SUMMARY"
fi
if [ "$status" != 0 ] || [ "$mode" = --preview ]; then
  exit "$status"
fi

if [ -z "$(git status --porcelain -- "${REGISTRIES[@]}")" ]; then
  echo "publish: the registries hold every address already; nothing to commit."
  exit 0
fi

# A runner has no git identity of its own: commit as the workflow's bot there.
if ! git config user.email > /dev/null; then
  export GIT_AUTHOR_NAME="github-actions[bot]" GIT_COMMITTER_NAME="github-actions[bot]"
  export GIT_AUTHOR_EMAIL="41898282+github-actions[bot]@users.noreply.github.com"
  export GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
fi
# the tag registry exists once a document has had a tag: add the registries there are
existing=()
for registry in "${REGISTRIES[@]}"; do [ -e "$registry" ] && existing+=("$registry"); done
git add -- "${existing[@]}"
{ echo "Record the permanent addresses this build published [skip ci]"; echo; cat "$work/changes"; } > "$work/message"
git commit --quiet -F "$work/message"
git log -1 --format='publish: committed %h %s'

branch=${PUBLISH_BRANCH:-${GITHUB_REF_NAME:-$(git symbolic-ref --short HEAD)}}
for attempt in 1 2 3; do
  if git push --quiet origin "HEAD:refs/heads/$branch"; then
    echo "publish: pushed the registries to $branch."
    exit 0
  fi
  # Someone pushed while this built: put the one commit on top of theirs (their run builds their
  # letters). If they changed the registries too, stop before deploying anything.
  echo "publish: $branch moved on (attempt $attempt); rebasing the registry commit onto it." >&2
  git fetch --quiet origin "$branch"
  if ! git rebase --quiet --autostash FETCH_HEAD; then
    git rebase --abort
    echo "publish: error: $branch changed the registries while this built; nothing was deployed." >&2
    echo "    fix: run the workflow again from the Actions tab (Run workflow): it builds the branch as it is now." >&2
    exit 1
  fi
done
echo "publish: error: could not push the registries to $branch; nothing was deployed." >&2
echo "    fix: run the workflow again (Actions tab); if $branch is protected, let github-actions push to it." >&2
exit 1
