import { CustomResource, CustomResourceProps, ITaggableV2, Lazy, TagManager, TagType } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * A custom resource that takes the CDK tags of its scopes (`Tags.of(app).add(...)`) and passes them to the provider as
 * the property `Tags`: the secrets the provider creates carry them, as the template's own resources do. The tags are
 * the secrets', so tags meant for `AWS::SecretsManager::Secret` only (`includeResourceTypes`) reach them too.
 */
export class TaggableCustomResource extends CustomResource implements ITaggableV2 {
  public readonly cdkTagManager: TagManager;

  constructor(scope: Construct, id: string, props: CustomResourceProps) {
    const tags = new TagManager(TagType.KEY_VALUE, 'AWS::SecretsManager::Secret');
    super(scope, id, { ...props, properties: { ...props.properties, Tags: Lazy.any({ produce: () => tags.renderTags() }) } });
    this.cdkTagManager = tags;
  }
}
