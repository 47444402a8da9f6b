// A breadcrumb that keeps its last parts (the project, the list) readable in a narrow
// popup: each part is its own flex item, the earlier ones shrink first (issue 15).
import { Fragment } from 'preact';

export function Crumbs({ parts }: { parts: string[] }) {
  if (!parts.length) return null;
  return (
    <small class="crumbs" title={parts.join(' › ')}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i ? ' › ' : null}
          <span>{part}</span>
        </Fragment>
      ))}
    </small>
  );
}
